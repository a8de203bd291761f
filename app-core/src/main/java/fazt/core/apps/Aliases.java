package fazt.core.apps;

import fazt.core.FaztException;
import fazt.core.changes.ChangeKind;
import fazt.core.db.Database;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Subdomain labels (SPEC §3.4). An app alias points at an app id, never a name, so renaming or
 * re-pointing a label never orphans content. All aliases are held in memory (there are few), so
 * resolving a Host header runs no SQL; the snapshot is replaced after every change.
 */
public final class Aliases {
    private final Database db;
    private volatile Map<String, Alias> snapshot = Map.of();

    public Aliases(Database db) {
        this.db = db;
        reload();
    }

    public Optional<Alias> get(String subdomain) {
        return Optional.ofNullable(snapshot.get(subdomain));
    }

    public List<Alias> list() {
        return snapshot.values().stream().sorted((a, b) -> a.subdomain().compareTo(b.subdomain())).toList();
    }

    /** The labels that serve the given app. */
    public List<String> labelsOf(String appId) {
        return list().stream().filter(a -> Alias.APP.equals(a.type()) && appId.equals(a.target()))
                .map(Alias::subdomain).toList();
    }

    /**
     * Creates or changes a label. For {@code app}, {@code target} may be the app's id or name; for
     * {@code redirect}, an http(s) URL; {@code reserved} takes none.
     */
    public Alias set(String subdomain, String type, String target) {
        AppNames.checkAlias(subdomain);
        String t = type == null ? Alias.APP : type;
        String appName = db.write(c -> {
            AppRef app = Alias.APP.equals(t) ? app(c, target) : null;
            String resolved = switch (t) {
                case Alias.APP -> app.id();
                case Alias.REDIRECT -> checkRedirect(target);
                case Alias.RESERVED -> null;
                default -> throw FaztException.invalid("alias type must be app, redirect or reserved, not '" + t + "'");
            };
            upsert(c, subdomain, t, resolved);
            return app == null ? null : app.name();
        });
        reload();
        db.changes().publish(ChangeKind.ALIAS_SET, appName, subdomain);
        return get(subdomain).orElseThrow();
    }

    public void remove(String subdomain) {
        int n = db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM aliases WHERE subdomain = ?")) {
                p.setString(1, subdomain);
                return p.executeUpdate();
            }
        });
        reload();
        if (n == 0) throw FaztException.notFound("no alias '" + subdomain + "'");
        db.changes().publish(ChangeKind.ALIAS_REMOVED, null, subdomain);
    }

    /** Exchanges what two labels point at, in one transaction. */
    public void swap(String a, String b) {
        if (a.equals(b)) throw FaztException.invalid("swap needs two different aliases");
        db.write(c -> {
            Alias x = read(c, a).orElseThrow(() -> FaztException.notFound("no alias '" + a + "'"));
            Alias y = read(c, b).orElseThrow(() -> FaztException.notFound("no alias '" + b + "'"));
            upsert(c, a, y.type(), y.target());
            upsert(c, b, x.type(), x.target());
            return null;
        });
        reload();
        db.changes().publish(ChangeKind.ALIASES_SWAPPED, null, a + "," + b);
    }

    /** Adds the app's first alias when a new app is created (inside the deploy transaction). */
    void addForNewApp(Connection c, String name, String appId) throws SQLException {
        Optional<Alias> existing = read(c, name);
        if (existing.isPresent()) {
            throw FaztException.conflict("the subdomain '" + name + "' is already an alias ("
                    + existing.get().type() + "); remove it or choose another name");
        }
        upsert(c, name, Alias.APP, appId);
    }

    void removeForApp(Connection c, String appId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM aliases WHERE type = 'app' AND target = ?")) {
            p.setString(1, appId);
            p.executeUpdate();
        }
    }

    void reload() {
        snapshot = db.read(c -> {
            Map<String, Alias> all = new HashMap<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT subdomain, type, target, created_at, updated_at FROM aliases");
                    ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Alias a = new Alias(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5));
                    all.put(a.subdomain(), a);
                }
            }
            return Map.copyOf(all);
        });
    }

    private static Optional<Alias> read(Connection c, String subdomain) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT subdomain, type, target, created_at, updated_at FROM aliases WHERE subdomain = ?")) {
            p.setString(1, subdomain);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Alias(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)))
                        : Optional.empty();
            }
        }
    }

    private static void upsert(Connection c, String subdomain, String type, String target) throws SQLException {
        long now = System.currentTimeMillis();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO aliases(subdomain, type, target, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT(subdomain) DO UPDATE SET type = excluded.type,"
                + " target = excluded.target, updated_at = excluded.updated_at")) {
            p.setString(1, subdomain);
            p.setString(2, type);
            p.setString(3, target);
            p.setLong(4, now);
            p.setLong(5, now);
            p.executeUpdate();
        }
    }

    /** The app an alias points at: its id is stored, its name goes in the change. */
    private record AppRef(String id, String name) {}

    private static AppRef app(Connection c, String target) throws SQLException {
        if (target == null || target.isBlank()) throw FaztException.invalid("an app alias needs a target app");
        try (PreparedStatement p = c.prepareStatement("SELECT id, name FROM apps WHERE id = ? OR name = ?")) {
            p.setString(1, target);
            p.setString(2, target);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) throw FaztException.notFound("no app '" + target + "'");
                return new AppRef(rs.getString(1), rs.getString(2));
            }
        }
    }

    private static String checkRedirect(String target) {
        try {
            URI uri = URI.create(target == null ? "" : target);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) return target;
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw FaztException.invalid("a redirect alias needs an http(s) URL, not '" + target + "'");
    }

}
