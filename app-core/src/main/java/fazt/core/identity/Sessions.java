package fazt.core.identity;

import fazt.core.Ids;
import fazt.core.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Sign-in sessions of the owner and of app users (SPEC §6.1), kept in data.db so they survive a
 * restart. The cookie carries a random token; only its SHA-256 is stored. A session has a fixed
 * end: 30 days with "remember me", else 24 hours.
 */
public final class Sessions {
    public static final String TOKEN_PREFIX = "fzs_";
    public static final Duration REMEMBERED = Duration.ofDays(30);
    public static final Duration SHORT = Duration.ofHours(24);
    private static final long TOUCH_EVERY_MS = 60_000;

    /** A live session; {@code userId} is null for the owner. */
    public record Session(String tokenHash, String userId, long createdAt, long expiresAt) {
        public boolean isOwner() {
            return userId == null;
        }
    }

    /** A new session: the only time its token is visible. {@code persistent} means "remember me". */
    public record NewSession(String token, long expiresAt, boolean persistent) {}

    private final Database db;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Long> lastTouched = new ConcurrentHashMap<>();

    public Sessions(Database db, LongSupplier clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Starts a session for an app user, or for the owner when {@code userId} is null. */
    public NewSession create(String userId, boolean rememberMe) {
        String token = Ids.newToken(TOKEN_PREFIX);
        long now = clock.getAsLong();
        long expires = now + (rememberMe ? REMEMBERED : SHORT).toMillis();
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO sessions(token_hash, user_id, created_at, "
                    + "expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)")) {
                p.setString(1, Ids.sha256(token));
                p.setString(2, userId);
                p.setLong(3, now);
                p.setLong(4, expires);
                p.setLong(5, now);
                return p.executeUpdate();
            }
        });
        return new NewSession(token, expires, rememberMe);
    }

    /**
     * A fresh session that takes the place of the one the browser brought along ({@code broughtToken},
     * may be null): that one is ended, never reused, so nobody can plant a session id (fixation).
     */
    public NewSession replace(String broughtToken, String userId, boolean rememberMe) {
        if (broughtToken != null) delete(broughtToken);
        return create(userId, rememberMe);
    }

    /** The live session a cookie value names, or empty (unknown, malformed or expired). */
    public Optional<Session> find(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) return Optional.empty();
        String hash = Ids.sha256(token);
        long now = clock.getAsLong();
        Optional<Session> found = db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT user_id, created_at, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?")) {
                p.setString(1, hash);
                p.setLong(2, now);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(new Session(hash, rs.getString(1), rs.getLong(2), rs.getLong(3)))
                            : Optional.empty();
                }
            }
        });
        found.ifPresent(s -> touch(s.tokenHash(), now));
        return found;
    }

    private void touch(String hash, long now) {
        Long prev = lastTouched.get(hash);
        if (prev != null && now - prev < TOUCH_EVERY_MS) return;
        lastTouched.put(hash, now);
        update("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", now, hash);
    }

    /** Ends the session a cookie value names, if any. */
    public void delete(String token) {
        if (token == null || token.length() > 100) return;
        String hash = Ids.sha256(token);
        lastTouched.remove(hash);
        update("DELETE FROM sessions WHERE token_hash = ?", null, hash);
    }

    /** Ends every session of the owner (after a password change). */
    public int deleteOwnerSessions() {
        return update("DELETE FROM sessions WHERE user_id IS NULL", null, null);
    }

    public int purgeExpired() {
        lastTouched.clear();
        return update("DELETE FROM sessions WHERE expires_at <= ?", clock.getAsLong(), null);
    }

    private int update(String sql, Long number, String text) {
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                int i = 1;
                if (number != null) p.setLong(i++, number);
                if (text != null) p.setString(i, text);
                return p.executeUpdate();
            }
        });
    }
}
