package fazt.core.analytics;

import fazt.core.db.Database;
import fazt.core.db.WriteBuffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Takes analytics events (SPEC §7) and stores them in batches. {@link #record} only appends to a
 * list in memory, so it costs a request next to nothing; a background flusher writes what waits
 * through the single writer once a second, or sooner when {@value #FLUSH_AT} events wait.
 * {@link #close} stores everything still waiting, so a clean shutdown loses nothing; a crash
 * loses what arrived in the last second or so. If the writer falls so far behind that
 * {@value #MAX_PENDING} events, or about 64 MB of them, wait, new ones are dropped and the server
 * log says how many.
 *
 * <p>A raw row is compact (see {@code V8.sql}): its key is the time ({@link EventKeys}), its texts
 * are ids of {@link EventValues}. The writer adds every event to the daily counts
 * ({@link DailyCounts}) in the same transaction; raw rows are kept for a short window, the counts
 * for the whole retention.
 *
 * <p>The stored row never holds the client's address as given: only its truncation
 * ({@link Addresses}) and a visitor hash of address, user agent and host with the day's salt.
 */
public final class Events implements AutoCloseable {
    private static final int FLUSH_AT = 5000;
    private static final int MAX_PENDING = 200_000;
    /** Events are up to ~20 KB of text each, so 200,000 of them could take gigabytes: memory caps them too. */
    private static final long MAX_PENDING_BYTES = 64L * 1024 * 1024;
    /** Rows per write or delete, so that one big batch never holds the writer for long. */
    private static final int CHUNK = 5000;

    private final Database db;
    private final DailySalt salt;
    private final WriteBuffer<IncomingEvent> buffer;
    private final AtomicLong deletions = new AtomicLong();
    private final EventValues values = new EventValues();
    private final EventKeys keys = new EventKeys();

    public Events(Database db) {
        this.db = db;
        this.salt = new DailySalt();
        this.buffer = new WriteBuffer<>("analytics events", Duration.ofSeconds(1), FLUSH_AT, MAX_PENDING, MAX_PENDING_BYTES,
                IncomingEvent::approximateBytes, CHUNK, this::store);
    }

    /**
     * Queues one event; it is stored within about a second. Returns false when it was not taken:
     * after {@link #close}, or while the buffer is full.
     */
    public boolean record(IncomingEvent event) {
        return buffer.add(event);
    }

    /** Stores every event recorded before this call (see {@link WriteBuffer#flush}). */
    public void flush() {
        buffer.flush();
    }

    private void store(List<IncomingEvent> rows) {
        MessageDigest sha = sha256();
        List<Long> visitors = new ArrayList<>(rows.size());
        List<String> networks = new ArrayList<>(rows.size());
        // A batch holds many events of the same visitor: each address is truncated and each
        // visitor hashed once per batch (a regex, an address parse and a SHA-256 less per event).
        Map<String, String> truncated = new HashMap<>();
        Map<VisitorKey, Long> hashed = new HashMap<>();
        for (IncomingEvent e : rows) {
            byte[] daySalt = salt.forTime(e.time());
            VisitorKey who = new VisitorKey(daySalt, e.clientAddress(), e.userAgent(), e.host());
            Long visitor = hashed.get(who);
            if (visitor == null && !hashed.containsKey(who)) {
                visitor = visitor(sha, daySalt, e);
                hashed.put(who, visitor);
            }
            visitors.add(visitor);
            String address = e.clientAddress();
            String network = address == null ? null : truncated.get(address);
            if (address != null && network == null && !truncated.containsKey(address)) {
                network = Addresses.truncate(address);
                truncated.put(address, network);
            }
            networks.add(network);
        }
        try {
            db.write(c -> {
                List<IncomingEvent> stored = new ArrayList<>(rows.size());
                try (PreparedStatement p = c.prepareStatement("INSERT INTO event_rows"
                        + "(id, app, host, path, event, referrer, source, address, visitor, tags, query)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < rows.size(); i++) {
                        IncomingEvent e = rows.get(i);
                        long key = keys.next(c, e.time());
                        long day = Math.floorDiv(e.time(), DailySalt.DAY_MILLIS);
                        p.setLong(1, key);
                        setId(p, 2, values.id(c, e.appId(), day));
                        setId(p, 3, values.id(c, e.host(), day));
                        setId(p, 4, values.id(c, e.path(), day));
                        setId(p, 5, values.id(c, e.event(), day));
                        setId(p, 6, values.id(c, e.referrer(), day));
                        setId(p, 7, values.id(c, e.source(), day));
                        setId(p, 8, values.id(c, networks.get(i), day));
                        setId(p, 9, visitors.get(i));
                        setText(p, 10, e.tags());
                        setText(p, 11, e.query());
                        p.executeUpdate();
                        stored.add(e.time() == EventKeys.time(key) ? e : e.at(EventKeys.time(key)));
                    }
                }
                DailyCounts.add(c, stored, visitors);
                return null;
            });
        } catch (RuntimeException e) {
            values.forget(); // ids added by the undone write are gone again
            keys.forget();
            throw e;
        }
    }

    /**
     * What a visitor hash is made of. A record compares an array by identity: there is one salt
     * array per day ({@link DailySalt}), so two events share a key only when they share the day's salt.
     */
    private record VisitorKey(byte[] salt, String address, String userAgent, String host) {}

    private static void setId(PreparedStatement p, int index, Long value) throws SQLException {
        if (value == null) p.setNull(index, Types.INTEGER);
        else p.setLong(index, value);
    }

    private static void setText(PreparedStatement p, int index, String value) throws SQLException {
        if (value == null) p.setNull(index, Types.VARCHAR);
        else p.setString(index, value);
    }

    /**
     * The first 8 bytes of SHA-256(salt, address, user agent, host) as a number, null without an
     * address. 64 bits make a collision among one day's visitors vanishingly unlikely and still fit
     * an integer column of 8 bytes.
     */
    static Long visitor(MessageDigest sha, byte[] salt, IncomingEvent e) {
        if (e.clientAddress() == null) return null;
        sha.reset();
        sha.update(salt);
        for (String part : new String[] {e.clientAddress(), e.userAgent() == null ? "" : e.userAgent(), e.host()}) {
            sha.update(part.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return ByteBuffer.wrap(sha.digest()).getLong();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * Deletes the raw events of the UTC days that ended before {@code cutoffMillis} (whole days),
     * in small writes, and the texts only they used. Their daily counts stay: the numbers of
     * those days do not change. Says how many events went.
     */
    public int purgeRawOlderThan(long cutoffMillis) {
        // a new day's salt replaces the old one here too, for instances that saw no event today
        salt.forTime(System.currentTimeMillis());
        long day = Math.floorDiv(cutoffMillis, DailySalt.DAY_MILLIS);
        int n = db.deleteInChunks("event_rows", "id < ?", EventKeys.first(day * DailySalt.DAY_MILLIS), CHUNK);
        db.write(c -> values.deleteUnusedBefore(c, day));
        return n;
    }

    /** Deletes the daily counts and visitors of the UTC days that ended before {@code cutoffMillis}. */
    public int purgeCountsOlderThan(long cutoffMillis) {
        long day = Math.floorDiv(cutoffMillis, DailySalt.DAY_MILLIS);
        int n = db.write(c -> DailyCounts.deleteBefore(c, day));
        if (n > 0) deletions.incrementAndGet();
        return n;
    }

    /** Deletes every event of the app, raw and counted; called when the app is deleted. */
    public int deleteApp(String appId) {
        flush();
        int n = 0;
        long after = -1;
        while (true) {
            long from = after;
            long[] chunk = db.write(c -> deleteAppChunk(c, appId, from));
            n += (int) chunk[0];
            if (chunk[1] < 0) break;
            after = chunk[1];
        }
        db.write(c -> DailyCounts.deleteApp(c, appId));
        deletions.incrementAndGet();
        return n;
    }

    /** Deletes the app's raw rows among the next {@value #CHUNK} keys after {@code after}: {deleted, last key read or -1 at the end}. */
    private static long[] deleteAppChunk(Connection c, String appId, long after) throws SQLException {
        long last = -1;
        try (PreparedStatement p = c.prepareStatement("SELECT MAX(id) FROM (SELECT id FROM event_rows WHERE id > ? ORDER BY id LIMIT "
                + CHUNK + ")")) {
            p.setLong(1, after);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) last = rs.getLong(1);
                if (rs.wasNull()) last = -1;
            }
        }
        if (last < 0) return new long[] {0, -1};
        try (PreparedStatement p = c.prepareStatement("DELETE FROM event_rows WHERE id > ? AND id <= ?"
                + " AND app = (SELECT id FROM event_values WHERE value = ?)")) {
            p.setLong(1, after);
            p.setLong(2, last);
            p.setString(3, appId);
            return new long[] {p.executeUpdate(), last};
        }
    }

    /** Goes up with every purge or app deletion: counts computed before a change are stale after it. */
    long deletions() {
        return deletions.get();
    }

    /** Stops taking events, then stores every event still waiting. Call it before the database closes. */
    @Override
    public void close() {
        buffer.close();
    }
}
