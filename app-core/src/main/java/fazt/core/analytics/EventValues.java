package fazt.core.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The table {@code event_values}: each distinct text of the raw events (app id, host, path, event
 * name, referrer, source, truncated address) once, under a small integer id that the raw rows hold
 * instead of the text. Used on the writer's connection only. The ids of recently used texts are
 * kept in memory (at most {@value #CACHED}, the least recently used go first), so a batch of
 * events costs a lookup only for a text it has not seen lately.
 */
final class EventValues {
    private static final int CACHED = 20_000;

    /** A value's id and the newest day the table says an event used it. */
    private record Known(long id, long lastDay) {}

    private final Map<String, Known> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
            return size() > CACHED;
        }
    };

    /**
     * The id of {@code value} (null for null), adding it when new, and noting that an event of
     * {@code day} uses it so that it outlives that day's raw rows.
     */
    synchronized Long id(Connection c, String value, long day) throws SQLException {
        if (value == null) return null;
        Known known = cache.get(value);
        if (known != null && known.lastDay() >= day) return known.id();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO event_values(value, last_day) VALUES (?, ?)"
                + " ON CONFLICT(value) DO UPDATE SET last_day = MAX(last_day, excluded.last_day)")) {
            p.setString(1, value);
            p.setLong(2, day);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("SELECT id, last_day FROM event_values WHERE value = ?")) {
            p.setString(1, value);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                Known now = new Known(rs.getLong(1), rs.getLong(2));
                cache.put(value, now);
                return now.id();
            }
        }
    }

    /** Deletes the values no event since {@code day} used (their raw rows are gone) and forgets every cached id. */
    synchronized int deleteUnusedBefore(Connection c, long day) throws SQLException {
        cache.clear();
        try (PreparedStatement p = c.prepareStatement("DELETE FROM event_values WHERE last_day < ?")) {
            p.setLong(1, day);
            return p.executeUpdate();
        }
    }

    /** Forgets every cached id (after a change the cache cannot follow, such as a failed write). */
    synchronized void forget() {
        cache.clear();
    }
}
