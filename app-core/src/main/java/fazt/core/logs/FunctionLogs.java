package fazt.core.logs;

import fazt.core.FaztException;
import fazt.core.db.Database;
import fazt.core.db.WriteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The stored log of functions (SPEC §4.4). {@link #append} is cheap for the caller: the line
 * gets its id, reaches the {@link LogHub} and every {@link LogFollower} at once, and waits in
 * memory until a background flusher stores it, every 200 ms or as soon as 500 lines wait, in one
 * write through the single writer. A crash can therefore lose the last fraction of a second of
 * lines. If the writer falls so far behind that 10 000 lines wait, further lines are still shown
 * live but not stored, and the server log says how many were dropped.
 */
public final class FunctionLogs implements AutoCloseable {
    /** Longer messages are cut to this many UTF-8 bytes, marker included. */
    public static final int MAX_MESSAGE_BYTES = 8 * 1024;
    /** The most lines one {@link #query} returns. */
    public static final int MAX_LIMIT = 1000;
    private static final int FLUSH_AT = 500;
    private static final int MAX_PENDING = 10_000;
    /** NullableColumns per write or delete, so that one big batch never holds the writer for long. */
    private static final int CHUNK = 5000;

    private final Database db;
    private final LogHub hub;
    private final Object appendLock = new Object();
    private final List<LogFollower> followers = new CopyOnWriteArrayList<>();
    private final WriteBuffer<Pending> buffer;
    private long lastId;

    private record Pending(LogLine line, String appId) {}

    public FunctionLogs(Database db, LogHub hub) {
        this.db = db;
        this.hub = hub;
        this.lastId = highestIdEverUsed();
        this.buffer = new WriteBuffer<>("function log lines", Duration.ofMillis(200), FLUSH_AT, MAX_PENDING, CHUNK, this::store);
    }

    /** The AUTOINCREMENT counter outlives purges, so ids continue where they stopped even when no row is left. */
    private long highestIdEverUsed() {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'function_logs'), 0),"
                            + " COALESCE((SELECT MAX(id) FROM function_logs), 0))")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /**
     * Records one line for the app {@code appId} (named {@code appName}, running {@code version}).
     * Returns at once; the line is stored within about 200 ms. {@code level} is debug, info, warn
     * or error (any case); a message longer than {@link #MAX_MESSAGE_BYTES} is truncated with a
     * marker. After {@link #close} lines are still published live but no longer stored.
     */
    public void append(String appId, String appName, int version, String level, String message, String requestId) {
        // checked here: one row without them would fail the whole batch it is written with
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(appName, "appName");
        String lvl = LogLevels.check(level);
        String text = truncate(message == null ? "" : message);
        long now = System.currentTimeMillis();
        synchronized (appendLock) {
            LogLine line = new LogLine(++lastId, now, appName, version, lvl, text, requestId);
            buffer.add(new Pending(line, appId)); // refused after close: still shown live, not stored
            // Followers are told under the lock so that each sees lines in id order: they resume by id.
            for (LogFollower f : followers) f.offer(line, appId);
        }
        hub.publish(lvl.toUpperCase(Locale.ROOT), "app:" + appName, text, appName, requestId);
    }

    /** {@code message} cut to {@link #MAX_MESSAGE_BYTES} UTF-8 bytes with a marker saying how long it was. */
    static String truncate(String message) {
        if (message.length() <= MAX_MESSAGE_BYTES / 3) return message; // a Java char never takes more than 3 UTF-8 bytes
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_MESSAGE_BYTES) return message;
        String marker = " ...[truncated: " + bytes.length + " bytes in all]";
        int keep = MAX_MESSAGE_BYTES - marker.length();
        while (keep > 0 && (bytes[keep] & 0xC0) == 0x80) keep--; // never cut a character in two
        return new String(bytes, 0, keep, StandardCharsets.UTF_8) + marker;
    }

    /** Stores every line appended before this call (see {@link WriteBuffer#flush}). */
    public void flush() {
        buffer.flush();
    }

    private void store(List<Pending> rows) {
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO function_logs"
                    + "(id, app_id, app_name, version, level, message, request_id, time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Pending r : rows) {
                    LogLine l = r.line();
                    p.setLong(1, l.id());
                    p.setString(2, r.appId());
                    p.setString(3, l.app());
                    p.setInt(4, l.version());
                    p.setString(5, l.level());
                    p.setString(6, l.message());
                    p.setString(7, l.requestId());
                    p.setLong(8, l.time());
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    /**
     * The newest lines, newest first: of one app ({@code appId} null for all), at or above
     * {@code minLevel} (null for all), at most {@code limit} (capped at {@link #MAX_LIMIT}), and
     * only those after {@code sinceId} when it is given. Includes every line appended before the call.
     */
    public List<LogLine> query(String appId, String minLevel, int limit, Long sinceId) {
        List<String> levels = LogLevels.atLeast(minLevel);
        if (limit < 1) throw FaztException.invalid("limit must be at least 1, not " + limit);
        flush();
        StringBuilder sql = new StringBuilder(
                "SELECT id, time, app_name, version, level, message, request_id FROM function_logs WHERE 1 = 1");
        if (appId != null) sql.append(" AND app_id = ?");
        if (sinceId != null) sql.append(" AND id > ?");
        if (levels.size() < LogLevels.ALL.size()) sql.append(" AND level IN (").append("?, ".repeat(levels.size() - 1)).append("?)");
        sql.append(" ORDER BY id DESC LIMIT ?");
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                int i = 1;
                if (appId != null) p.setString(i++, appId);
                if (sinceId != null) p.setLong(i++, sinceId);
                if (levels.size() < LogLevels.ALL.size()) for (String l : levels) p.setString(i++, l);
                p.setInt(i, Math.min(limit, MAX_LIMIT));
                List<LogLine> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new LogLine(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                                rs.getString(6), rs.getString(7)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Follows new lines of one app ({@code appId} null for all) at or above {@code minLevel}:
     * first those after {@code afterId} (the newest {@link #MAX_LIMIT}), or the newest
     * {@link LogFollower#BACKLOG} when it is null, then every new line as it is appended. Close it when done.
     */
    public LogFollower follow(String appId, String minLevel, Long afterId) {
        LogFollower f = new LogFollower(this, appId, LogLevels.atLeast(minLevel), afterId == null ? 0 : afterId);
        followers.add(f);
        try {
            f.catchUp(afterId == null ? LogFollower.BACKLOG : MAX_LIMIT);
        } catch (RuntimeException e) {
            followers.remove(f);
            throw e;
        }
        return f;
    }

    void unfollow(LogFollower f) {
        followers.remove(f);
    }

    /** How many followers are attached (open log streams). */
    public int followerCount() {
        return followers.size();
    }

    /** Deletes the lines older than {@code cutoffMillis} and says how many went. */
    public int purgeOlderThan(long cutoffMillis) {
        return db.deleteInChunks("function_logs", "time < ?", cutoffMillis, CHUNK);
    }

    /** Deletes every stored line of the app; call it when the app is deleted. */
    public int deleteApp(String appId) {
        flush();
        return db.deleteInChunks("function_logs", "app_id = ?", appId, CHUNK);
    }

    /** Stops the flusher and stores what waits. */
    @Override
    public void close() {
        buffer.close();
    }
}
