package fazt.core.identity;

import fazt.core.FaztException;
import fazt.core.changes.ChangeKind;
import fazt.core.db.Database;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The sign-in providers the owner set up (SPEC §6.3). The name decides the protocol:
 * {@code google} is OpenID Connect at {@code https://accounts.google.com}, {@code github} is
 * GitHub's OAuth 2.0 (its issuer, when given, is the base URL of a GitHub Enterprise server), and
 * any other name is an OpenID Connect issuer given by URL (Keycloak, Authelia, …). The client
 * secret goes in and is used, but never comes back out: views only say whether it is set.
 */
public final class OAuthProviders {
    public static final String GOOGLE = "google";
    public static final String GITHUB = "github";
    public static final String GOOGLE_ISSUER = "https://accounts.google.com";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    /** How a provider is spoken to. */
    public enum Protocol { OIDC, GITHUB }

    /** What the owner sees: everything but the secret. */
    public record Provider(String name, String protocol, String clientId, boolean secretSet, String issuer,
            boolean enabled, long updatedAt) {}

    /** What a sign-in needs, secret included; stays inside this package. */
    record Credentials(String name, Protocol protocol, String clientId, String clientSecret, String issuer, boolean enabled) {}

    private final Database db;
    private final LongSupplier clock;

    public OAuthProviders(Database db, LongSupplier clock) {
        this.db = db;
        this.clock = clock;
    }

    public static Protocol protocolOf(String name) {
        return GITHUB.equals(name) ? Protocol.GITHUB : Protocol.OIDC;
    }

    /**
     * Creates or changes a provider. A null field keeps the stored value, so the owner can turn a
     * provider on or off without typing the secret again; a new provider needs an id and a secret.
     * An empty issuer means the default (Google's, github.com).
     */
    public Provider put(String name, String clientId, String clientSecret, String issuer, Boolean enabled) {
        String n = checkName(name);
        Optional<Credentials> current = credentials(n);
        String id = clientId != null ? clientId.trim() : current.map(Credentials::clientId).orElse(null);
        String secret = clientSecret != null ? clientSecret : current.map(Credentials::clientSecret).orElse(null);
        String iss = issuer != null ? normalizeIssuer(n, issuer) : current.map(Credentials::issuer).orElse(defaultIssuer(n));
        boolean on = enabled != null ? enabled : current.map(Credentials::enabled).orElse(true);
        if (id == null || id.isEmpty()) throw FaztException.invalid("provider '" + n + "' needs a client id (--client-id)");
        if (secret == null || secret.isEmpty()) {
            throw FaztException.invalid("provider '" + n + "' needs a client secret (--client-secret)");
        }
        if (iss == null && protocolOf(n) == Protocol.OIDC) {
            throw FaztException.invalid("provider '" + n + "' is OpenID Connect: give its issuer URL (--issuer https://…); "
                    + "'google' and 'github' need none");
        }
        long now = clock.getAsLong();
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO oauth_providers(name, client_id, client_secret, "
                    + "issuer, enabled, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET "
                    + "client_id = excluded.client_id, client_secret = excluded.client_secret, issuer = excluded.issuer, "
                    + "enabled = excluded.enabled, updated_at = excluded.updated_at")) {
                p.setString(1, n);
                p.setString(2, id);
                p.setString(3, secret);
                p.setString(4, iss);
                p.setInt(5, on ? 1 : 0);
                p.setLong(6, now);
                return p.executeUpdate();
            }
        });
        db.changes().publish(ChangeKind.PROVIDER_SET, null, n); // the name only: never the client secret
        return get(n);
    }

    private static String defaultIssuer(String name) {
        return GOOGLE.equals(name) ? GOOGLE_ISSUER : null;
    }

    private static String checkName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(n).matches()) {
            throw FaztException.invalid("a provider name is 1-32 lowercase letters, digits or '-' (google, github, or "
                    + "your own name for an OpenID Connect issuer), not '" + name + "'");
        }
        return n;
    }

    /**
     * An issuer is an https URL without query or fragment; plain http is accepted only for a
     * server on this machine (a test or a local Keycloak), since tokens travel over it.
     */
    static String normalizeIssuer(String name, String issuer) {
        String s = issuer.trim();
        if (s.isEmpty()) return defaultIssuer(name);
        while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw FaztException.invalid("the issuer '" + issuer + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null
                || !(scheme.equals("https") || scheme.equals("http"))) {
            throw FaztException.invalid("the issuer must be a URL like https://auth.example.com/realms/main, not '" + issuer + "'");
        }
        if (scheme.equals("http") && !isLoopback(host)) {
            throw FaztException.invalid("the issuer must use https (plain http only for localhost): '" + issuer + "'");
        }
        return s;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.endsWith(".localhost");
    }

    public List<Provider> list() {
        return db.read(c -> {
            List<Provider> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT name, client_id, client_secret, issuer, enabled, updated_at "
                    + "FROM oauth_providers ORDER BY name"); ResultSet rs = p.executeQuery()) {
                while (rs.next()) out.add(view(rs));
            }
            return out;
        });
    }

    /** The providers a person may sign in with, in name order. */
    public List<Provider> enabled() {
        return list().stream().filter(Provider::enabled).toList();
    }

    public Provider get(String name) {
        String n = checkName(name);
        return list().stream().filter(p -> p.name().equals(n)).findFirst()
                .orElseThrow(() -> FaztException.notFound("no sign-in provider '" + n + "'"));
    }

    public void delete(String name) {
        String n = checkName(name);
        int gone = db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM oauth_providers WHERE name = ?")) {
                p.setString(1, n);
                return p.executeUpdate();
            }
        });
        if (gone == 0) throw FaztException.notFound("no sign-in provider '" + n + "'");
        db.changes().publish(ChangeKind.PROVIDER_REMOVED, null, n);
    }

    /** The stored settings of a provider that is switched on, for a sign-in. */
    Optional<Credentials> enabledCredentials(String name) {
        return credentials(name).filter(Credentials::enabled);
    }

    private Optional<Credentials> credentials(String name) {
        if (name == null || !NAME.matcher(name).matches()) return Optional.empty();
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT client_id, client_secret, issuer, enabled FROM oauth_providers WHERE name = ?")) {
                p.setString(1, name);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new Credentials(name, protocolOf(name), rs.getString(1), rs.getString(2),
                            rs.getString(3), rs.getInt(4) == 1));
                }
            }
        });
    }

    private static Provider view(ResultSet rs) throws SQLException {
        String name = rs.getString(1);
        String secret = rs.getString(3);
        return new Provider(name, protocolOf(name).name().toLowerCase(Locale.ROOT), rs.getString(2),
                secret != null && !secret.isEmpty(), rs.getString(4), rs.getInt(5) == 1, rs.getLong(6));
    }
}
