package fazt.core.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import fazt.core.FaztException;
import fazt.core.apps.AppInfo;
import fazt.core.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-app key/value storage (SPEC §5, {@code fazt.storage.kv}). Values are any JSON of at most
 * 1 MB; keys are 1-1024 characters. A key may expire: from its expiry on it is never returned,
 * even before {@link #purgeExpired()} removes the row.
 */
public final class Kv {
    /** One live key as listed; {@code expiresAt} is epoch ms, or null for a key that never expires. */
    public record Entry(String key, JsonNode value, Long expiresAt) {}

    static final int MAX_KEY_LENGTH = 1024;
    // purging in slices keeps the single writer free for app writes between them
    private static final int PURGE_SLICE = 1000;

    private final StorageDb db;
    private final Clock clock;

    public Kv(Database db) {
        this(db, Clock.systemUTC());
    }

    /** {@code clock} decides when keys expire; tests pass one they can move. */
    public Kv(Database db, Clock clock) {
        this.db = new StorageDb(db);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Stores {@code value} (a null is stored as JSON null) under {@code key}, replacing any value
     * and expiry it had. With {@code ttlMs} the key expires that many milliseconds from now;
     * null keeps it forever. Returns the entry as stored.
     */
    public Entry set(String appId, String key, JsonNode value, Long ttlMs) {
        Objects.requireNonNull(appId, "appId");
        checkKey(key);
        if (ttlMs != null && ttlMs <= 0) {
            throw FaztException.invalid("ttl must be a positive number of milliseconds, not " + ttlMs
                    + "; leave it out to keep the key forever");
        }
        JsonNode stored = value == null || value.isMissingNode() ? NullNode.instance : value;
        String json = JsonText.write(stored, "the value of key '" + shortened(key) + "'");
        long now = clock.millis();
        Long expiresAt = ttlMs == null ? null : saturatedAdd(now, ttlMs);
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO kv(app_id, key, value, expires_at, updated_at) VALUES (?, ?, ?, ?, ?) "
                            + "ON CONFLICT(app_id, key) DO UPDATE SET value = excluded.value, "
                            + "expires_at = excluded.expires_at, updated_at = excluded.updated_at")) {
                p.setString(1, appId);
                p.setString(2, key);
                p.setString(3, json);
                p.setObject(4, expiresAt);
                p.setLong(5, now);
                return p.executeUpdate();
            }
        });
        return new Entry(key, stored, expiresAt);
    }

    /** The value of {@code key}, or empty when it was never set, was deleted or has expired. */
    public Optional<JsonNode> get(String appId, String key) {
        return live(appId, key).map(Entry::value);
    }

    /** The live entry of {@code key}, with its expiry; not-found naming the app when there is none. */
    public Entry existing(AppInfo app, String key) {
        return live(app.id(), key).orElseThrow(() -> missing(app, key));
    }

    private Optional<Entry> live(String appId, String key) {
        Objects.requireNonNull(appId, "appId");
        checkKey(key);
        long now = clock.millis();
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT key, value, expires_at FROM kv"
                    + " WHERE app_id = ? AND key = ? AND (expires_at IS NULL OR expires_at > ?)")) {
                p.setString(1, appId);
                p.setString(2, key);
                p.setLong(3, now);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Removes {@code key}; true when it was live (an expired key counts as already gone). */
    public boolean delete(String appId, String key) {
        Objects.requireNonNull(appId, "appId");
        checkKey(key);
        long now = clock.millis();
        return db.write(c -> {
            boolean live;
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT 1 FROM kv WHERE app_id = ? AND key = ? AND (expires_at IS NULL OR expires_at > ?)")) {
                p.setString(1, appId);
                p.setString(2, key);
                p.setLong(3, now);
                try (ResultSet rs = p.executeQuery()) {
                    live = rs.next();
                }
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM kv WHERE app_id = ? AND key = ?")) {
                p.setString(1, appId);
                p.setString(2, key);
                p.executeUpdate();
            }
            return live;
        });
    }

    /** Removes {@code key}; not-found naming the app when it was not live. */
    public void deleteExisting(AppInfo app, String key) {
        if (!delete(app.id(), key)) throw missing(app, key);
    }

    /**
     * The live keys that start with {@code prefix} (taken literally; null or empty lists all),
     * ordered by key (by code point).
     */
    public List<Entry> list(String appId, String prefix) {
        Objects.requireNonNull(appId, "appId");
        long now = clock.millis();
        BoundSql sql = new BoundSql().add("SELECT key, value, expires_at FROM kv WHERE app_id = ").bind(appId);
        PrefixRange.append(sql, "key", prefix);
        sql.add(" AND (expires_at IS NULL OR expires_at > ").bind(now).add(") ORDER BY key");
        return db.read(c -> {
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement p = sql.prepare(c); ResultSet rs = p.executeQuery()) {
                while (rs.next()) out.add(entry(rs));
            }
            return out;
        });
    }

    /**
     * One page of the live keys that start with {@code prefix} (literal; null or empty for all),
     * ordered by key, beginning after the key {@code after} (null for the first page). At most
     * {@code limit} keys ({@link PageLimits}: default 100, 1-1000), fewer when the values pass
     * {@link PageLimits#MAX_BYTES}.
     */
    public KeyPage<Entry> page(String appId, String prefix, String after, Integer limit) {
        Objects.requireNonNull(appId, "appId");
        int max = PageLimits.items(limit);
        long now = clock.millis();
        BoundSql sql = new BoundSql().add("SELECT key, value, expires_at FROM kv WHERE app_id = ").bind(appId);
        PrefixRange.append(sql, "key", prefix);
        if (after != null) sql.add(" AND key > ").bind(after);
        sql.add(" AND (expires_at IS NULL OR expires_at > ").bind(now).add(") ORDER BY key LIMIT ").bind(max + 1);
        return db.read(c -> {
            List<Entry> out = new ArrayList<>();
            long bytes = 0;
            try (PreparedStatement p = sql.prepare(c); ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    if (out.size() == max || bytes > PageLimits.MAX_BYTES) return new KeyPage<>(out, out.getLast().key());
                    bytes += rs.getString(2).length();
                    out.add(entry(rs));
                }
            }
            return new KeyPage<>(out, null);
        });
    }

    /**
     * Deletes every expired key of every app and returns how many. Runs in slices so that app
     * writes are not held up behind a large purge.
     */
    public int purgeExpired() {
        long now = clock.millis();
        int total = 0;
        while (true) {
            int n = db.write(c -> {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM kv WHERE (app_id, key) IN "
                        + "(SELECT app_id, key FROM kv WHERE expires_at <= ? LIMIT ?)")) {
                    p.setLong(1, now);
                    p.setInt(2, PURGE_SLICE);
                    return p.executeUpdate();
                }
            });
            total += n;
            if (n < PURGE_SLICE) return total;
        }
    }

    /** Removes every key of the app. */
    public void deleteApp(String appId) {
        Objects.requireNonNull(appId, "appId");
        db.deleteAppRows("kv", appId);
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        Object expiresAt = rs.getObject(3); // Integer or Long by size, null for never
        return new Entry(rs.getString(1), JsonText.read(rs.getString(2)),
                expiresAt == null ? null : ((Number) expiresAt).longValue());
    }

    private static FaztException missing(AppInfo app, String key) {
        return FaztException.notFound("app '" + app.name() + "' has no key '" + shortened(key) + "' (or it has expired)");
    }

    private static void checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw FaztException.invalid("a key must be 1-" + MAX_KEY_LENGTH + " characters, got "
                    + (key == null ? "none" : key.length()));
        }
    }

    private static long saturatedAdd(long now, long ttlMs) {
        // a ttl too large to add is as good as forever, and must not wrap into the past
        return ttlMs > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + ttlMs;
    }

    private static String shortened(String key) {
        return key.length() <= 60 ? key : key.substring(0, 60) + "…";
    }
}
