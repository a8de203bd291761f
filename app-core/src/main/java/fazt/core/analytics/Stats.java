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
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The questions SPEC §7 asks of the stored events. Every query first stores what
 * {@link Events} still holds, so an answer includes every event recorded before it was asked.
 * Times are epoch milliseconds; days are UTC days. {@code appId} null means every app (and the
 * events of no app, such as those a page on another site sent).
 */
public final class Stats {
    /** NullableColumns per breakdown. */
    public static final int TOP = 20;
    /** The most rows {@link #recent} returns. */
    public static final int MAX_RECENT = 1000;
    /** The id of the event name pageview in raw rows, as SQL. */
    private static final String PAGEVIEW_ID = "(SELECT id FROM event_values WHERE value = '" + IncomingEvent.PAGEVIEW + "')";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final long DAY = Interval.DAY.millis;
    private static final String ALL_APPS = "\u0000all";

    private final Database db;
    private final Events events;
    private final Clock clock;
    /** Numbers of ended days per app ({@link #ALL_APPS} for all), valid while {@link Events#deletions()} stays put. */
    private final Map<String, PastDays> pastDays = new HashMap<>();
    private long pastDaysGeneration;

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
        long today = Interval.DAY.floor(clock.millis()) / DAY;
        long start = from != null ? from : (today - 29) * DAY;
        long end = to != null ? to : Long.MAX_VALUE;
        if (end <= start) throw FaztException.invalid("to must be after from");
        events.flush();
        return db.read(c -> {
            NavigableMap<Long, long[]> days = dayTotals(c, appId, today);
            long[] range = rangeTotals(c, appId, days, start, end);
            return new StatsSummary(appName(c, appId), start, to,
                    periods(days, today, 0), periods(days, today, 1), periods(days, today, 2),
                    new StatsSummary.RangeTotals(range[0], range[1], range[2]),
                    appId == null ? byApp(c, start, end) : List.of(),
                    top(c, DailyCounts.PATH, appId, start, end), top(c, DailyCounts.REFERRER, appId, start, end),
                    top(c, DailyCounts.EVENT, appId, start, end));
        });
    }

    private static Periods periods(NavigableMap<Long, long[]> days, long today, int column) {
        return new Periods(sum(days, today, Long.MAX_VALUE)[column], sum(days, today - 6, Long.MAX_VALUE)[column],
                sum(days, today - 29, Long.MAX_VALUE)[column], sum(days, Long.MIN_VALUE, Long.MAX_VALUE)[column]);
    }

    /** Events, pageviews and visitors of the days {@code [fromDay, toDay)}; visitors add up because the salt changes daily. */
    private static long[] sum(NavigableMap<Long, long[]> days, long fromDay, long toDay) {
        long[] total = new long[3];
        for (long[] d : days.subMap(fromDay, true, toDay, false).values()) {
            for (int i = 0; i < 3; i++) total[i] += d[i];
        }
        return total;
    }

    /**
     * Events, pageviews and unique visitors per UTC day, up to and including today. A day that
     * has ended never changes (events are stamped when they arrive), so its numbers are computed
     * once and kept in memory until events are purged or an app is deleted; only today is read
     * again each time.
     */
    private NavigableMap<Long, long[]> dayTotals(Connection c, String appId, long today) throws SQLException {
        long generation = events.deletions();
        PastDays past;
        synchronized (pastDays) {
            if (generation != pastDaysGeneration) {
                pastDays.clear();
                pastDaysGeneration = generation;
            }
            past = pastDays.computeIfAbsent(appId == null ? ALL_APPS : appId, k -> new PastDays());
        }
        NavigableMap<Long, long[]> out;
        synchronized (past) {
            if (past.until < today) {
                past.days.putAll(DailyCounts.totalsPerDay(c, appId, past.until, today));
                past.until = today;
            }
            out = new TreeMap<>(past.days);
        }
        out.putAll(DailyCounts.totalsPerDay(c, appId, today, Long.MAX_VALUE));
        return out;
    }

    /** Days whose numbers are final: every day before {@code until} is in {@code days} (or had no events). */
    private static final class PastDays {
        final NavigableMap<Long, long[]> days = new TreeMap<>();
        long until = Long.MIN_VALUE;
    }

    /**
     * Events, pageviews and unique visitors in {@code [from, to)}: whole days from the daily
     * numbers (they outlive the raw events), a partial first or last day from the raw rows. The
     * visitors add up because a visitor's hash differs from one day to the next (the salt does).
     */
    private static long[] rangeTotals(Connection c, String appId, NavigableMap<Long, long[]> days, long from, long to)
            throws SQLException {
        long firstWholeDay = Math.ceilDiv(from, DAY);
        long endWholeDay = to == Long.MAX_VALUE ? Long.MAX_VALUE : Math.floorDiv(to, DAY);
        if (firstWholeDay >= endWholeDay) return totals(c, appId, from, to);
        long[] range = sum(days, firstWholeDay, endWholeDay);
        if (from < firstWholeDay * DAY) add(range, totals(c, appId, from, firstWholeDay * DAY));
        if (endWholeDay != Long.MAX_VALUE && endWholeDay * DAY < to) add(range, totals(c, appId, endWholeDay * DAY, to));
        return range;
    }

    private static void add(long[] into, long[] more) {
        for (int i = 0; i < into.length; i++) into[i] += more[i];
    }

    /** Events, pageviews and unique visitors in {@code [from, to)}, counted from the raw rows (a key range). */
    private static long[] totals(Connection c, String appId, long from, long to) throws SQLException {
        String sql = "SELECT COUNT(*), COALESCE(SUM(event = " + PAGEVIEW_ID + "), 0), COUNT(DISTINCT visitor) FROM event_rows r"
                + where(appId);
        try (PreparedStatement p = c.prepareStatement(sql)) {
            bind(p, 1, appId, from, to);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }

    /** Raw rows of {@code [from, to)} (a key range, see {@link EventKeys}), of one app when given. */
    private static String where(String appId) {
        return " WHERE r.id >= ? AND r.id < ?" + (appId == null ? "" : " AND r.app = (SELECT id FROM event_values WHERE value = ?)");
    }

    /** Binds what {@link #where} asks for, from parameter {@code first} on. */
    private static void bind(PreparedStatement p, int first, String appId, long from, long to) throws SQLException {
        p.setLong(first, EventKeys.first(from));
        p.setLong(first + 1, EventKeys.first(to));
        if (appId != null) p.setString(first + 2, appId);
    }

    /**
     * The top values of a dimension in {@code [from, to)}: whole days from {@code event_counts},
     * the parts of days at either end from the events themselves.
     */
    private static List<Count> top(Connection c, String dimension, String appId, long from, long to) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        long firstWholeDay = Math.ceilDiv(from, DAY);
        long endWholeDay = to == Long.MAX_VALUE ? Long.MAX_VALUE : Math.floorDiv(to, DAY);
        if (firstWholeDay < endWholeDay) {
            DailyCounts.sum(c, dimension, appId, firstWholeDay, endWholeDay, counts);
            if (from < firstWholeDay * DAY) countEvents(c, dimension, appId, from, firstWholeDay * DAY, counts);
            if (endWholeDay != Long.MAX_VALUE && endWholeDay * DAY < to) countEvents(c, dimension, appId, endWholeDay * DAY, to, counts);
        } else {
            countEvents(c, dimension, appId, from, to, counts);
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP).map(e -> new Count(e.getKey(), null, e.getValue())).toList();
    }

    private static void countEvents(Connection c, String column, String appId, long from, long to, Map<String, Long> into)
            throws SQLException {
        String sql = "SELECT v.value, COUNT(*) FROM event_rows r JOIN event_values v ON v.id = r." + column + where(appId)
                + " GROUP BY r." + column;
        try (PreparedStatement p = c.prepareStatement(sql)) {
            bind(p, 1, appId, from, to);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) into.merge(rs.getString(1), rs.getLong(2), Long::sum);
            }
        }
    }

    /** Events per app; an event of no app (a page elsewhere that posted to /track) has key null. */
    private static List<Count> byApp(Connection c, long from, long to) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        long firstWholeDay = Math.ceilDiv(from, DAY);
        long endWholeDay = to == Long.MAX_VALUE ? Long.MAX_VALUE : Math.floorDiv(to, DAY);
        if (firstWholeDay < endWholeDay) {
            DailyCounts.sumByApp(c, firstWholeDay, endWholeDay, counts);
            if (from < firstWholeDay * DAY) countApps(c, from, firstWholeDay * DAY, counts);
            if (endWholeDay != Long.MAX_VALUE && endWholeDay * DAY < to) countApps(c, endWholeDay * DAY, to, counts);
        } else {
            countApps(c, from, to, counts);
        }
        Map<String, String> names = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT id, name FROM apps"); ResultSet rs = p.executeQuery()) {
            while (rs.next()) names.put(rs.getString(1), rs.getString(2));
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP).map(e -> {
                    String id = e.getKey().equals(DailyCounts.NO_APP) ? null : e.getKey();
                    return new Count(id, id == null ? null : names.get(id), e.getValue());
                }).toList();
    }

    private static void countApps(Connection c, long from, long to, Map<String, Long> into) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT COALESCE(v.value, ''), COUNT(*) FROM event_rows r"
                + " LEFT JOIN event_values v ON v.id = r.app" + where(null) + " GROUP BY r.app")) {
            bind(p, 1, null, from, to);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) into.merge(rs.getString(1), rs.getLong(2), Long::sum);
            }
        }
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
        if (buckets > Interval.MAX_BUCKETS) {
            throw FaztException.invalid("that is " + buckets + " " + interval.id() + "s; a timeline has at most " + Interval.MAX_BUCKETS
                    + " points: narrow from/to or use a wider interval");
        }
        long queryStart = from != null ? from : start;
        long queryEnd = to != null ? to : end;
        events.flush();
        Map<Long, long[]> found = db.read(c -> {
            if (interval != Interval.DAY) return rawBuckets(c, appId, interval, start, queryStart, queryEnd);
            // whole days from the daily counts (they outlive the raw events); a partial first or last day from the raw rows
            long wholeFrom = Math.ceilDiv(queryStart, DAY);
            long wholeTo = Math.floorDiv(queryEnd, DAY);
            if (wholeFrom >= wholeTo) return rawBuckets(c, appId, interval, start, queryStart, queryEnd);
            Map<Long, long[]> byStart = new HashMap<>();
            dayTotals(c, appId, Interval.DAY.floor(now) / DAY).subMap(wholeFrom, wholeTo).forEach((day, v) -> byStart.put(day * DAY, v));
            if (queryStart < wholeFrom * DAY) byStart.putAll(rawBuckets(c, appId, interval, start, queryStart, wholeFrom * DAY));
            if (wholeTo * DAY < queryEnd) byStart.putAll(rawBuckets(c, appId, interval, start, wholeTo * DAY, queryEnd));
            return byStart;
        });
        List<TimelinePoint> out = new ArrayList<>((int) buckets);
        for (long b = start; b < end; b += interval.millis) {
            long[] v = found.getOrDefault(b, new long[3]);
            out.add(new TimelinePoint(b, v[0], v[1], v[2]));
        }
        return out;
    }

    /** Events, pageviews and unique visitors per bucket of {@code [from, to)} counted from the raw rows (bucket start → numbers). */
    private static Map<Long, long[]> rawBuckets(Connection c, String appId, Interval interval, long start, long from, long to)
            throws SQLException {
        String sql = "SELECT ((r.id >> 12) - ?) / ? AS b, COUNT(*), COALESCE(SUM(r.event = " + PAGEVIEW_ID + "), 0),"
                + " COUNT(DISTINCT r.visitor) FROM event_rows r" + where(appId) + " GROUP BY b";
        Map<Long, long[]> m = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, start);
            p.setLong(2, interval.millis);
            bind(p, 3, appId, from, to);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) m.put(start + rs.getLong(1) * interval.millis, new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
            }
        }
        return m;
    }

    /** The newest events, newest first: of one app and one event name when given, at most {@code limit} (capped at {@value #MAX_RECENT}). */
    public List<StoredEvent> recent(String appId, String event, int limit) {
        if (limit < 1) throw FaztException.invalid("limit must be at least 1, not " + limit);
        events.flush();
        StringBuilder sql = new StringBuilder("SELECT r.id, r.id >> 12, a.value, h.value, p.value, e.value, f.value, r.tags, r.query,"
                + " s.value, d.value FROM event_rows r LEFT JOIN event_values a ON a.id = r.app"
                + " LEFT JOIN event_values h ON h.id = r.host LEFT JOIN event_values p ON p.id = r.path"
                + " LEFT JOIN event_values e ON e.id = r.event LEFT JOIN event_values f ON f.id = r.referrer"
                + " LEFT JOIN event_values s ON s.id = r.source LEFT JOIN event_values d ON d.id = r.address WHERE 1 = 1");
        if (appId != null) sql.append(" AND r.app = (SELECT id FROM event_values WHERE value = ?)");
        if (event != null) sql.append(" AND r.event = (SELECT id FROM event_values WHERE value = ?)");
        sql.append(" ORDER BY r.id DESC LIMIT ?");
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
