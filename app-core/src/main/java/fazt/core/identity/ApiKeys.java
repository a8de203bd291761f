package fazt.core.identity;

import fazt.core.FaztException;
import fazt.core.changes.ChangeKind;
import fazt.core.Ids;
import fazt.core.db.Database;
import fazt.core.db.NullableColumns;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys (SPEC §6.2): the token is shown once; only its SHA-256 is stored, and a presented
 * token is found by that hash through the unique index. {@code last_used_at} is written at most
 * once a minute per key so that authenticated reads do not turn into writes.
 */
public final class ApiKeys {
    public static final String TOKEN_PREFIX = "fzt_";
    private static final long TOUCH_EVERY_MS = 60_000;

    /** A key as listed (never with its token). */
    public record KeyInfo(String id, String name, String scope, long createdAt, Long lastUsedAt) {}

    /** A newly created key: the only time the token is visible. */
    public record NewKey(KeyInfo key, String token) {}

    private final Database db;
    private final ConcurrentHashMap<String, Long> lastTouched = new ConcurrentHashMap<>();

    public ApiKeys(Database db) {
        this.db = db;
    }

    public NewKey create(String name, Scope scope) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw FaztException.invalid("a key needs a name of 1-100 characters");
        }
        String token = Ids.newToken(TOKEN_PREFIX);
        KeyInfo info = new KeyInfo(Ids.newId("key"), name.trim(), scope.id(), System.currentTimeMillis(), null);
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO api_keys(id, name, token_hash, scope, created_at) VALUES (?, ?, ?, ?, ?)")) {
                p.setString(1, info.id());
                p.setString(2, info.name());
                p.setString(3, Ids.sha256(token));
                p.setString(4, info.scope());
                p.setLong(5, info.createdAt());
                return p.executeUpdate();
            }
        });
        db.changes().publish(ChangeKind.KEY_CREATED, null, info.id());
        return new NewKey(info, token);
    }

    /** The scope of a presented token, or empty when no key has it. */
    public Optional<Scope> verify(String token) {
        return identify(token).map(k -> Scope.parse(k.scope()));
    }

    /** The key a presented token belongs to (for a name to log actions under), or empty when no key has it. */
    public Optional<KeyInfo> identify(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 200) return Optional.empty();
        String hash = Ids.sha256(token);
        Optional<KeyInfo> found = db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT id, name, scope, created_at, last_used_at FROM api_keys WHERE token_hash = ?")) {
                p.setString(1, hash);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(new KeyInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            NullableColumns.longOrNull(rs, 5))) : Optional.empty();
                }
            }
        });
        found.ifPresent(k -> touch(k.id()));
        return found;
    }

    private void touch(String id) {
        long now = System.currentTimeMillis();
        Long prev = lastTouched.get(id);
        if (prev != null && now - prev < TOUCH_EVERY_MS) return;
        lastTouched.put(id, now);
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE api_keys SET last_used_at = ? WHERE id = ?")) {
                p.setLong(1, now);
                p.setString(2, id);
                return p.executeUpdate();
            }
        });
    }

    public List<KeyInfo> list() {
        return db.read(c -> {
            List<KeyInfo> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT id, name, scope, created_at, last_used_at FROM api_keys ORDER BY created_at");
                    ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new KeyInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            NullableColumns.longOrNull(rs, 5)));
                }
            }
            return out;
        });
    }

    public void delete(String id) {
        int n = db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM api_keys WHERE id = ?")) {
                p.setString(1, id);
                return p.executeUpdate();
            }
        });
        if (n == 0) throw FaztException.notFound("no API key '" + id + "'");
        db.changes().publish(ChangeKind.KEY_REVOKED, null, id);
    }
}
