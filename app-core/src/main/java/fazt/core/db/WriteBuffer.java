package fazt.core.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NullableColumns that wait in memory and are stored in batches by a background flusher (function log lines,
 * analytics events): every {@code interval}, or at once when {@code flushAt} rows wait, in writes
 * of at most {@code chunk} rows so that one big batch never holds the single writer for long.
 * Adding costs the caller next to nothing. {@link #close} stores everything still waiting, so a
 * clean shutdown loses nothing; a crash loses what waits. If the writer falls so far behind that
 * {@code maxPending} rows wait, or that the waiting rows take {@code maxBytes} of memory by their
 * {@code sizeOf}, new ones are dropped and the server log says how many.
 */
public final class WriteBuffer<T> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WriteBuffer.class);

    private final String what;
    private final long intervalNanos;
    private final int flushAt;
    private final int maxPending;
    private final long maxBytes;
    private final ToLongFunction<? super T> sizeOf;
    private final int chunk;
    private final Consumer<List<T>> store;
    private final Object flushLock = new Object();
    private final Thread flusher;
    private List<T> pending = new ArrayList<>();
    private long pendingBytes;
    private long dropped;
    private volatile boolean closed;

    /** A buffer limited by its number of rows only, for rows of a bounded size. */
    public WriteBuffer(String what, Duration interval, int flushAt, int maxPending, int chunk, Consumer<List<T>> store) {
        this(what, interval, flushAt, maxPending, Long.MAX_VALUE, row -> 0, chunk, store);
    }

    /**
     * {@code what} names the rows in log messages ("analytics events"); {@code sizeOf} estimates
     * the bytes a row holds in memory, counted against {@code maxBytes}; {@code store} writes one chunk.
     */
    public WriteBuffer(String what, Duration interval, int flushAt, int maxPending, long maxBytes,
            ToLongFunction<? super T> sizeOf, int chunk, Consumer<List<T>> store) {
        this.what = what;
        this.intervalNanos = interval.toNanos();
        this.flushAt = flushAt;
        this.maxPending = maxPending;
        this.maxBytes = maxBytes;
        this.sizeOf = sizeOf;
        this.chunk = chunk;
        this.store = store;
        this.flusher = Thread.ofPlatform().daemon().name("fazt-flush-" + what.replace(' ', '-')).start(this::flushLoop);
    }

    /** Queues a row; false when it was not taken: after {@link #close}, or while the buffer is full. */
    public boolean add(T row) {
        long bytes = sizeOf.applyAsLong(row);
        boolean wake;
        synchronized (this) {
            if (closed) return false;
            if (pending.size() >= maxPending || bytes > maxBytes - pendingBytes) {
                dropped++;
                return false;
            }
            pending.add(row);
            pendingBytes += bytes;
            wake = pending.size() == flushAt;
        }
        if (wake) LockSupport.unpark(flusher);
        return true;
    }

    /**
     * Stores every row added before this call. NullableColumns that cannot be stored (the database is closed
     * or failing) are dropped and reported in the server log; this never throws for them.
     */
    public void flush() {
        synchronized (flushLock) {
            List<T> batch;
            long lost;
            synchronized (this) {
                if (pending.isEmpty() && dropped == 0) return;
                batch = pending;
                pending = new ArrayList<>();
                pendingBytes = 0;
                lost = dropped;
                dropped = 0;
            }
            if (lost > 0) log.warn("dropped {} {}: they came faster than data.db could store them", lost, what);
            for (int from = 0; from < batch.size(); from += chunk) {
                List<T> rows = batch.subList(from, Math.min(batch.size(), from + chunk));
                try {
                    store.accept(rows);
                } catch (DatabaseException e) {
                    log.warn("could not store {} {}: {}", rows.size(), what, e.getMessage());
                }
            }
        }
    }

    private void flushLoop() {
        while (!closed) {
            LockSupport.parkNanos(intervalNanos);
            try {
                flush();
            } catch (RuntimeException e) {
                // keep the flusher alive: without it nothing would ever be stored again
                log.error("storing {} failed", what, e);
            }
        }
    }

    /** Stops taking rows, then stores every row still waiting. Call it before the database closes. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        LockSupport.unpark(flusher);
        try {
            flusher.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
