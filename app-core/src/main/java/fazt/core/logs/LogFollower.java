package fazt.core.logs;

import fazt.core.PolledDelivery;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A live view of function logs for one reader (a log stream, a desktop view): stored lines first,
 * then new lines as they are appended, each exactly once and in id order. Made by
 * {@link FunctionLogs#follow}; read it from one thread with {@link #poll}. A reader that falls
 * more than {@value #QUEUE} lines behind is caught up from data.db instead of holding them all
 * in memory, so a slow reader costs bounded memory and loses nothing that was stored.
 */
public final class LogFollower implements PolledDelivery.Source<LogLine> {
    /** How many stored lines a follower starts with when it resumes from nowhere. */
    public static final int BACKLOG = 50;
    static final int QUEUE = 10_000;

    private final FunctionLogs logs;
    private final String appId;
    private final List<String> levels;
    private final BlockingQueue<LogLine> live = new ArrayBlockingQueue<>(QUEUE);
    private final ArrayDeque<LogLine> stored = new ArrayDeque<>();
    /** Set when {@link #live} overflowed; new lines are then ignored until the reader catches up from data.db. */
    private volatile boolean behind;
    private long lastId;

    LogFollower(FunctionLogs logs, String appId, List<String> levels, long afterId) {
        this.logs = logs;
        this.appId = appId;
        this.levels = levels;
        this.lastId = afterId;
    }

    /** Called by {@link FunctionLogs#append} for every line, in id order; never blocks. */
    void offer(LogLine line, String lineAppId) {
        if (behind || (appId != null && !appId.equals(lineAppId)) || !levels.contains(line.level())) return;
        if (!live.offer(line)) behind = true;
    }

    /** Loads the stored lines after the last one returned (the newest {@code limit}), to be returned before live ones. */
    void catchUp(int limit) {
        behind = false; // from here on live lines queue up again; the query below covers everything before
        List<LogLine> newestFirst = logs.query(appId, levels.get(0), limit, lastId == 0 ? null : lastId);
        for (LogLine l : newestFirst) stored.addFirst(l);
    }

    /** The next line, waiting up to {@code timeoutMillis} for one; null when none came in time. */
    public LogLine poll(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            LogLine next = stored.pollFirst();
            if (next == null) next = live.poll();
            if (next == null && behind) {
                catchUp(FunctionLogs.MAX_LIMIT);
                continue;
            }
            if (next == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return null;
                next = live.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) return null;
            }
            // a line can be both stored and queued live when it arrived while catching up
            if (next.id() > lastId) {
                lastId = next.id();
                return next;
            }
        }
    }

    /** Stops following; no more lines are queued. */
    @Override
    public void close() {
        logs.unfollow(this);
    }
}
