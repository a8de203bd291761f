package fazt.core.identity;

import fazt.core.Ids;
import fazt.core.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Sign-ins in progress: the {@code state} sent to the provider with what the callback needs
 * (PKCE verifier, nonce, callback URL, where to go afterwards). A state lives 10 minutes and is
 * taken exactly once: {@link #take} deletes the row and returns it in one statement on the single
 * writer, so two callbacks with the same state can never both get it.
 */
public final class OAuthStates {
    public static final Duration LIFETIME = Duration.ofMinutes(10);

    /** A started sign-in, as stored. */
    public record Pending(String state, String provider, String codeVerifier, String nonce, String redirectUri,
            String redirect, long expiresAt) {}

    private final Database db;
    private final LongSupplier clock;

    public OAuthStates(Database db, LongSupplier clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stores a new sign-in with fresh random state, verifier and nonce (each 256 bits). */
    public Pending start(String provider, String redirectUri, String redirect) {
        long now = clock.getAsLong();
        Pending p = new Pending(Ids.newToken(""), provider, Ids.newToken(""), Ids.newToken(""), redirectUri, redirect,
                now + LIFETIME.toMillis());
        db.write(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM oauth_states WHERE expires_at <= ?")) {
                del.setLong(1, now);
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO oauth_states(state, provider, code_verifier, "
                    + "nonce, redirect_uri, redirect, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ins.setString(1, p.state());
                ins.setString(2, p.provider());
                ins.setString(3, p.codeVerifier());
                ins.setString(4, p.nonce());
                ins.setString(5, p.redirectUri());
                ins.setString(6, p.redirect());
                ins.setLong(7, p.expiresAt());
                return ins.executeUpdate();
            }
        });
        return p;
    }

    /** Removes and returns the sign-in {@code state} names; empty when unknown, used or expired. */
    public Optional<Pending> take(String state) {
        if (state == null || state.isEmpty() || state.length() > 128) return Optional.empty();
        long now = clock.getAsLong();
        Optional<Pending> taken = db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM oauth_states WHERE state = ? RETURNING "
                    + "provider, code_verifier, nonce, redirect_uri, redirect, expires_at")) {
                p.setString(1, state);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new Pending(state, rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getLong(6)));
                }
            }
        });
        return taken.filter(p -> p.expiresAt() > now);
    }
}
