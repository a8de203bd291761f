package fazt.core.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The keys of raw event rows: the event's time in epoch milliseconds times {@value #PER_MILLI}, plus
 * its place among the events of that millisecond. Rows are therefore stored in time order, and a
 * time range is a key range, with no time column and no index beside the table. Used on the
 * writer's connection only.
 */
final class EventKeys {
    /** Events one millisecond can hold; the 4,097th of one millisecond is stamped a millisecond later. */
    static final long PER_MILLI = 4096;
    private static final int SHIFT = 12;
    private static final long NEWEST_TIME = Long.MAX_VALUE >> SHIFT;

    /** The newest key handed out, or -1 before the first. */
    private long last = -1;

    /** The first key of {@code timeMillis} (clamped to the keys' range), for ranges {@code id >= first(from) AND id < first(to)}. */
    static long first(long timeMillis) {
        if (timeMillis <= 0) return 0;
        if (timeMillis > NEWEST_TIME) return Long.MAX_VALUE;
        return timeMillis << SHIFT;
    }

    /** The time a key stands for. */
    static long time(long key) {
        return key >> SHIFT;
    }

    /** A free key for an event at {@code timeMillis}: the next in its millisecond. */
    synchronized long next(Connection c, long timeMillis) throws SQLException {
        if (last < 0) last = newest(c, 0, Long.MAX_VALUE);
        long first = first(timeMillis);
        long key;
        if (first > last) {
            key = first; // the usual case: a new millisecond, after every stored event
        } else if (time(last) == timeMillis) {
            key = last + 1;
        } else {
            // an event older than the newest stored one (recorded with an earlier time): after those of its millisecond
            key = freeFrom(c, timeMillis);
        }
        last = Math.max(last, key);
        return key;
    }

    private static long freeFrom(Connection c, long timeMillis) throws SQLException {
        for (long t = timeMillis; ; t++) {
            long taken = newest(c, first(t), first(t + 1));
            if (taken < 0) return first(t);
            if (taken + 1 < first(t + 1)) return taken + 1;
        }
    }

    /** Forgets the newest key (after a write that was undone). */
    synchronized void forget() {
        last = -1;
    }

    private static long newest(Connection c, long from, long to) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT MAX(id) FROM event_rows WHERE id >= ? AND id < ?")) {
            p.setLong(1, from);
            p.setLong(2, to);
            try (ResultSet rs = p.executeQuery()) {
                long max = rs.next() ? rs.getLong(1) : -1;
                return rs.wasNull() ? -1 : max;
            }
        }
    }
}
