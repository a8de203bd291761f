package fazt.core.analytics;

import com.fasterxml.jackson.core.type.TypeReference;
import fazt.core.FaztException;
import fazt.core.Json;
import fazt.core.db.Database;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The questions SPEC §7 asks of the stored events. Every query first stores what
 * {@link Events} still holds, so an answer includes every event recorded before it was asked.
 * Times are epoch milliseconds; days are UTC days. {@code appId} null means every app (and the
 * events of no app, such as those a page on another site sent).
 */
public final class Stats {
    /** Rows per breakdown. */
    public static final int TOP = 20;
    /** The most rows {@link #recent} returns. */
    public static final int MAX_RECENT = 1000;
    /** The most buckets a timeline may have. */
    public static final int MAX_BUCKETS = 5000;
    private static final String PAGEVIEW = IncomingEvent.PAGEVIEW;
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final Database db;
    private final Events events;
    private final Clock clock;

    public Stats(Database db, Events events, Clock clock) {
        this.db = db;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Counts over the fixed periods, plus totals and the top {@value #TOP} apps, paths, referrers
     * and events within {@code [from, to)}; {@code from} null means the last 30 days, {@code to}
     * null means up to now.
     */
    public StatsSummary summary(String appId, Long from, Long to) {
        long today = Interval.DAY.floor(clock.millis());
        long start = from != null ? from : today - 29 * Interval.DAY.millis;
        long end = to != null ? to : Long.MAX_VALUE;
        if (end <= start) throw FaztException.invalid("to must be after from");
        events.flush();
        return db.read(c -> {
            long[][] periods = new long[4][];
            long[] since = {today, today - 6 * Interval.DAY.millis, today - 29 * Interval.DAY.millis, Long.MIN_VALUE};
            for (int i = 0; i < since.length; i++) periods[i] = totals(c, appId, since[i], Long.MAX_VALUE);
            long[] range = totals(c, appId, start, end);
            return new StatsSummary(appName(c, appId), start, to,
                    periods(periods, 0), periods(periods, 1), periods(periods, 2),
                    new StatsSummary.RangeTotals(range[0], range[1], range[2]),
                    appId == null ? byApp(c, start, end) : List.of(),
                    top(c, "path", appId, start, end), top(c, "referrer", appId, start, end), top(c, "event", appId, start, end));
        });
    }

    private static Periods periods(long[][] p, int column) {
        return new Periods(p[0][column], p[1][column], p[2][column], p[3][column]);
    }

    /** Events, pageviews and unique visitors in {@code [from, to)}, read from a covering index. */
    private static long[] totals(Connection c, String appId, long from, long to) throws SQLException {
        String sql = "SELECT COUNT(*), COALESCE(SUM(event = '" + PAGEVIEW + "'), 0), COUNT(DISTINCT visitor) FROM events"
                + where(appId);
        try (PreparedStatement p = c.prepareStatement(sql)) {
            bind(p, appId, from, to);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }

    private static String where(String appId) {
        return appId == null ? " WHERE time >= ? AND time < ?" : " WHERE app_id = ? AND time >= ? AND time < ?";
    }

    private static int bind(PreparedStatement p, String appId, long from, long to) throws SQLException {
        int i = 1;
        if (appId != null) p.setString(i++, appId);
        p.setLong(i++, from);
        p.setLong(i++, to);
        return i;
    }

    private static List<Count> top(Connection c, String column, String appId, long from, long to) throws SQLException {
        String sql = "SELECT " + column + ", COUNT(*) AS n FROM events" + where(appId) + " AND " + column + " IS NOT NULL"
                + " GROUP BY " + column + " ORDER BY n DESC, " + column + " LIMIT " + TOP;
        List<Count> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            bind(p, appId, from, to);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) out.add(new Count(rs.getString(1), null, rs.getLong(2)));
            }
        }
        return out;
    }

    /** Events per app; an event of no app (a page elsewhere that posted to /track) has key null. */
    private static List<Count> byApp(Connection c, long from, long to) throws SQLException {
        String sql = "SELECT e.app_id, a.name, COUNT(*) AS n FROM events e LEFT JOIN apps a ON a.id = e.app_id"
                + " WHERE e.time >= ? AND e.time < ? GROUP BY e.app_id ORDER BY n DESC, a.name LIMIT " + TOP;
        List<Count> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, from);
            p.setLong(2, to);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) out.add(new Count(rs.getString(1), rs.getString(2), rs.getLong(3)));
            }
        }
        return out;
    }

    private static String appName(Connection c, String appId) throws SQLException {
        if (appId == null) return null;
        try (PreparedStatement p = c.prepareStatement("SELECT name FROM apps WHERE id = ?")) {
            p.setString(1, appId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : appId;
            }
        }
    }

    /**
     * Events, pageviews and unique visitors per hour or day, oldest first, one point for every
     * bucket from the one {@code from} falls in up to the one {@code to} falls in (empty ones
     * count zero). {@code from} null means the last {@link Interval#defaultBuckets} buckets, {@code to} null now.
     */
    public List<TimelinePoint> timeline(String appId, Interval interval, Long from, Long to) {
        long now = clock.millis();
        long end = interval.floor(to != null ? to - 1 : now) + interval.millis;
        long start = from != null ? interval.floor(from) : end - interval.defaultBuckets * interval.millis;
        if (end <= start) throw FaztException.invalid("to must be after from");
        long buckets = (end - start) / interval.millis;
        if (buckets > MAX_BUCKETS) {
            throw FaztException.invalid("that is " + buckets + " " + interval.id() + "s; a timeline has at most " + MAX_BUCKETS
                    + " points: narrow from/to or use a wider interval");
        }
        long queryStart = from != null ? from : start;
        long queryEnd = to != null ? to : end;
        events.flush();
        Map<Long, TimelinePoint> found = db.read(c -> {
            String sql = "SELECT (time - ?) / ? AS b, COUNT(*), COALESCE(SUM(event = '" + PAGEVIEW + "'), 0),"
                    + " COUNT(DISTINCT visitor) FROM events" + where(appId) + " GROUP BY b";
            Map<Long, TimelinePoint> m = new HashMap<>();
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setLong(1, start);
                p.setLong(2, interval.millis);
                int i = 3;
                if (appId != null) p.setString(i++, appId);
                p.setLong(i++, queryStart);
                p.setLong(i, queryEnd);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        long bucket = start + rs.getLong(1) * interval.millis;
                        m.put(bucket, new TimelinePoint(bucket, rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                    }
                }
            }
            return m;
        });
        List<TimelinePoint> out = new ArrayList<>((int) buckets);
        for (long b = start; b < end; b += interval.millis) out.add(found.getOrDefault(b, new TimelinePoint(b, 0, 0, 0)));
        return out;
    }

    /** The newest events, newest first: of one app and one event name when given, at most {@code limit} (capped at {@value #MAX_RECENT}). */
    public List<StoredEvent> recent(String appId, String event, int limit) {
        if (limit < 1) throw FaztException.invalid("limit must be at least 1, not " + limit);
        events.flush();
        StringBuilder sql = new StringBuilder("SELECT id, time, app_id, host, path, event, referrer, tags, query, source, address"
                + " FROM events WHERE 1 = 1");
        if (appId != null) sql.append(" AND app_id = ?");
        if (event != null) sql.append(" AND event = ?");
        sql.append(" ORDER BY id DESC LIMIT ?");
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                int i = 1;
                if (appId != null) p.setString(i++, appId);
                if (event != null) p.setString(i++, event);
                p.setInt(i, Math.min(limit, MAX_RECENT));
                List<StoredEvent> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredEvent(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), object(rs.getString(8)), object(rs.getString(9)),
                                rs.getString(10), rs.getString(11)));
                    }
                }
                return out;
            }
        });
    }

    private static Map<String, Object> object(String json) {
        if (json == null) return null;
        try {
            return Json.MAPPER.readValue(json, OBJECT);
        } catch (IOException e) {
            return Map.of("unreadable", json);
        }
    }
}
