package fazt.core.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The table {@code event_counts}: per UTC day and app, how many events had each path, referrer and
 * event name. The writer adds to it with every batch of events; the breakdowns of {@link Stats}
 * read it for whole days instead of every event.
 */
final class DailyCounts {
    static final String PATH = "path";
    static final String REFERRER = "referrer";
    static final String EVENT = "event";
    /** The app_id of events that belong to no app (the column is part of the key, so never null). */
    static final String NO_APP = "";

    private DailyCounts() {}

    private record Key(String dimension, long day, String appId, String value) {}

    /** Adds {@code rows} to the counts, on the writer's connection inside its transaction. */
    static void add(Connection c, List<IncomingEvent> rows) throws SQLException {
        Map<Key, Long> counts = new HashMap<>();
        for (IncomingEvent e : rows) {
            long day = Math.floorDiv(e.time(), DailySalt.DAY_MILLIS);
            String app = e.appId() == null ? NO_APP : e.appId();
            counts.merge(new Key(PATH, day, app, e.path()), 1L, Long::sum);
            counts.merge(new Key(EVENT, day, app, e.event()), 1L, Long::sum);
            if (e.referrer() != null) counts.merge(new Key(REFERRER, day, app, e.referrer()), 1L, Long::sum);
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO event_counts(dimension, day, app_id, value, count)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT(dimension, day, app_id, value) DO UPDATE SET count = count + excluded.count")) {
            for (Map.Entry<Key, Long> e : counts.entrySet()) {
                Key k = e.getKey();
                p.setString(1, k.dimension());
                p.setLong(2, k.day());
                p.setString(3, k.appId());
                p.setString(4, k.value());
                p.setLong(5, e.getValue());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /**
     * Adds the counts of {@code dimension} over the days {@code [fromDay, toDay)} into {@code into}
     * (value → count); of one app, or of all when {@code appId} is null.
     */
    static void sum(Connection c, String dimension, String appId, long fromDay, long toDay, Map<String, Long> into)
            throws SQLException {
        String sql = "SELECT value, SUM(count) FROM event_counts WHERE dimension = ? AND day >= ? AND day < ?"
                + (appId == null ? "" : " AND app_id = ?") + " GROUP BY value";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, dimension);
            p.setLong(2, fromDay);
            p.setLong(3, toDay);
            if (appId != null) p.setString(4, appId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) into.merge(rs.getString(1), rs.getLong(2), Long::sum);
            }
        }
    }

    /** Events per app over the days {@code [fromDay, toDay)}, added into {@code into} (app id or {@link #NO_APP} → count). */
    static void sumByApp(Connection c, long fromDay, long toDay, Map<String, Long> into) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT app_id, SUM(count) FROM event_counts"
                + " WHERE dimension = 'event' AND day >= ? AND day < ? GROUP BY app_id")) {
            p.setLong(1, fromDay);
            p.setLong(2, toDay);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) into.merge(rs.getString(1), rs.getLong(2), Long::sum);
            }
        }
    }

    static int deleteBefore(Connection c, long day) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM event_counts WHERE day < ?")) {
            p.setLong(1, day);
            return p.executeUpdate();
        }
    }

    static int deleteApp(Connection c, String appId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM event_counts WHERE app_id = ?")) {
            p.setString(1, appId);
            return p.executeUpdate();
        }
    }
}
