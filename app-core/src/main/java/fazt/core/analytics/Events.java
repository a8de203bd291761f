package fazt.core.analytics;

import fazt.core.db.Database;
import fazt.core.db.WriteBuffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * <p>The stored row never holds the client's address as given: only its truncation
 * ({@link Addresses}) and a visitor hash of address, user agent and host with the day's salt.
 */
public final class Events implements AutoCloseable {
    private static final int FLUSH_AT = 5000;
    private static final int MAX_PENDING = 200_000;
    /** Events are up to ~20 KB of text each, so 200,000 of them could take gigabytes: memory caps them too. */
    private static final long MAX_PENDING_BYTES = 64L * 1024 * 1024;
    /** NullableColumns per write or delete, so that one big batch never holds the writer for long. */
    private static final int CHUNK = 5000;

    private final Database db;
    private final DailySalt salt;
    private final WriteBuffer<IncomingEvent> buffer;
    private final AtomicLong deletions = new AtomicLong();

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
        for (IncomingEvent e : rows) visitors.add(visitor(sha, salt.forTime(e.time()), e));
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO events"
                    + "(time, app_id, host, path, event, referrer, tags, query, source, address, visitor)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < rows.size(); i++) {
                    IncomingEvent e = rows.get(i);
                    p.setLong(1, e.time());
                    setText(p, 2, e.appId());
                    p.setString(3, e.host());
                    p.setString(4, e.path());
                    p.setString(5, e.event());
                    setText(p, 6, e.referrer());
                    setText(p, 7, e.tags());
                    setText(p, 8, e.query());
                    p.setString(9, e.source());
                    setText(p, 10, Addresses.truncate(e.clientAddress()));
                    if (visitors.get(i) == null) p.setNull(11, Types.INTEGER);
                    else p.setLong(11, visitors.get(i));
                    p.addBatch();
                }
                p.executeBatch();
            }
            DailyCounts.add(c, rows, visitors);
            return null;
        });
    }

    private static void setText(PreparedStatement p, int index, String value) throws java.sql.SQLException {
        if (value == null) p.setNull(index, Types.VARCHAR);
        else p.setString(index, value);
    }

    /**
     * The first 8 bytes of SHA-256(salt, address, user agent, host) as a number, null without an
     * address. 64 bits make a collision among one day's visitors vanishingly unlikely and keep the
     * column small enough to sit in the covering indexes the counts read.
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
     * Deletes the events of the UTC days that ended before {@code cutoffMillis} (whole days, so
     * that the daily counts stay exact) and says how many went.
     */
    public int purgeOlderThan(long cutoffMillis) {
        // a new day's salt replaces the old one here too, for instances that saw no event today
        salt.forTime(System.currentTimeMillis());
        long day = Math.floorDiv(cutoffMillis, DailySalt.DAY_MILLIS);
        int n = db.deleteInChunks("events", "time < ?", day * DailySalt.DAY_MILLIS, CHUNK);
        db.write(c -> DailyCounts.deleteBefore(c, day));
        deletions.incrementAndGet();
        return n;
    }

    /** Deletes every event of the app; called when the app is deleted. */
    public int deleteApp(String appId) {
        flush();
        int n = db.deleteInChunks("events", "app_id = ?", appId, CHUNK);
        db.write(c -> DailyCounts.deleteApp(c, appId));
        deletions.incrementAndGet();
        return n;
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
