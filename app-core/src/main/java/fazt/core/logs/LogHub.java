package fazt.core.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The recent log lines of this process in a ring buffer, plus live subscribers (the desktop's
 * Logs view and the log stream read it). A slow or failing subscriber never blocks logging: it is
 * called on the logging thread and must hand work off quickly; one that throws is dropped.
 */
public final class LogHub {
    private static final LogHub SHARED = new LogHub(2000);

    private final LogEntry[] ring;
    private long next;
    private final List<Consumer<LogEntry>> subscribers = new CopyOnWriteArrayList<>();

    public LogHub(int capacity) {
        this.ring = new LogEntry[capacity];
    }

    /** The process-wide hub that the Logback appender feeds. */
    public static LogHub shared() {
        return SHARED;
    }

    public void publish(String level, String logger, String message, String app, String requestId) {
        LogEntry entry;
        synchronized (this) {
            entry = new LogEntry(next, System.currentTimeMillis(), level, logger, message, app, requestId);
            ring[(int) (next % ring.length)] = entry;
            next++;
        }
        for (Consumer<LogEntry> s : subscribers) {
            try {
                s.accept(entry);
            } catch (RuntimeException e) {
                subscribers.remove(s);
            }
        }
    }

    /** The newest {@code limit} entries, oldest first. */
    public synchronized List<LogEntry> recent(int limit) {
        int count = (int) Math.min(Math.min(limit, next), ring.length);
        List<LogEntry> out = new ArrayList<>(count);
        for (long i = next - count; i < next; i++) out.add(ring[(int) (i % ring.length)]);
        return out;
    }

    /** Calls {@code subscriber} for every new entry until the returned handle is closed. */
    public AutoCloseable subscribe(Consumer<LogEntry> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }
}
