package fazt.core.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables {@code event_counts} (per UTC day and app, how many events had each path, referrer
 * and event name) and {@code daily_visitors} (each visitor hash once per day and app). The writer
 * adds to them with every batch of events; {@link Stats} reads them for whole days instead of
 * every event.
 */
final class DailyCounts {
    static final String PATH = "path";
    static final String REFERRER = "referrer";
    static final String EVENT = "event";
    /** The app_id of events that belong to no app (the column is part of the key, so never null). */
    static final String NO_APP = "";

    private DailyCounts() {}

    private record Key(String dimension, long day, String appId, String value) {}

    /**
     * Adds {@code rows} to the counts and their {@code visitors} (the hash of each row, or null) to
     * the day's visitors, on the writer's connection inside its transaction.
     */
    static void add(Connection c, List<IncomingEvent> rows, List<Long> visitors) throws SQLException {
        addVisitors(c, rows, visitors);
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

    private static void addVisitors(Connection c, List<IncomingEvent> rows, List<Long> visitors) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT OR IGNORE INTO daily_visitors(day, app_id, visitor) VALUES (?, ?, ?)")) {
            for (int i = 0; i < rows.size(); i++) {
                if (visitors.get(i) == null) continue;
                IncomingEvent e = rows.get(i);
                p.setLong(1, Math.floorDiv(e.time(), DailySalt.DAY_MILLIS));
                p.setString(2, e.appId() == null ? NO_APP : e.appId());
                p.setLong(3, visitors.get(i));
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /**
     * Events, pageviews and unique visitors per day over the days {@code [fromDay, toDay)} (day →
     * {events, pageviews, visitors}); of one app, or of all when {@code appId} is null. Across apps a
     * visitor counts once (a visitor's hash includes the host, so it differs per app host anyway).
     */
    static Map<Long, long[]> totalsPerDay(Connection c, String appId, long fromDay, long toDay) throws SQLException {
        String app = appId == null ? "" : " AND app_id = ?";
        Map<Long, long[]> out = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT day, SUM(count), COALESCE(SUM(CASE WHEN value = '"
                + IncomingEvent.PAGEVIEW + "' THEN count END), 0) FROM event_counts WHERE dimension = 'event'"
                + " AND day >= ? AND day < ?" + app + " GROUP BY day")) {
            bindDays(p, appId, fromDay, toDay);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) out.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3), 0});
            }
        }
        try (PreparedStatement p = c.prepareStatement("SELECT day, " + (appId == null ? "COUNT(DISTINCT visitor)" : "COUNT(*)")
                + " FROM daily_visitors WHERE day >= ? AND day < ?" + app + " GROUP BY day")) {
            bindDays(p, appId, fromDay, toDay);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) out.computeIfAbsent(rs.getLong(1), d -> new long[3])[2] = rs.getLong(2);
            }
        }
        return out;
    }

    private static void bindDays(PreparedStatement p, String appId, long fromDay, long toDay) throws SQLException {
        p.setLong(1, fromDay);
        p.setLong(2, toDay);
        if (appId != null) p.setString(3, appId);
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
        return delete(c, "day < ?", day);
    }

    static int deleteApp(Connection c, String appId) throws SQLException {
        return delete(c, "app_id = ?", appId);
    }

    private static int delete(Connection c, String condition, Object value) throws SQLException {
        int n = 0;
        for (String table : new String[] {"event_counts", "daily_visitors"}) {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE " + condition)) {
                p.setObject(1, value);
                n += p.executeUpdate();
            }
        }
        return n;
    }
}
