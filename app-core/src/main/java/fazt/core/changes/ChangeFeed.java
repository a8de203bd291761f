package fazt.core.changes;

import fazt.core.PolledDelivery;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One reader's changes (made by {@link Changes#follow}), read from one thread with
 * {@link #poll}: in id order, each once, and a {@code resync} notice in place of any it missed.
 * The queue is bounded; when it is full the publisher drops the change and marks the reader,
 * whose next poll is the notice.
 */
public final class ChangeFeed implements PolledDelivery.Source<Change> {
    private final Changes hub;
    private final BlockingQueue<Change> queue;
    /** Why the reader must resync, or null; set by the publisher when the queue overflowed. */
    private volatile String resyncReason;
    private long lastId;

    ChangeFeed(Changes hub, int queueSize, long afterId) {
        this.hub = hub;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.lastId = afterId;
    }

    /** Called by the hub under its lock, in id order; never blocks. */
    void offer(Change change) {
        if (resyncReason != null) return;
        if (!queue.offer(change)) mustResync("more than " + (queue.size() + queue.remainingCapacity()) + " changes waited for this reader");
    }

    void mustResync(String reason) {
        resyncReason = reason;
    }

    /** Called by the hub under its lock. */
    void clear() {
        queue.clear();
        resyncReason = null;
    }

    /** The id of the last change (or notice) returned, or the one the reader started after. */
    public long lastId() {
        return lastId;
    }

    /** The next change or {@code resync} notice, waiting up to {@code timeoutMillis}; null when none came. */
    public Change poll(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            String reason = resyncReason;
            if (reason != null) {
                Change notice = hub.resync(this, reason);
                lastId = notice.id();
                return notice;
            }
            Change next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                if (resyncReason != null) continue; // overflowed while we waited on an empty queue: unlikely, but told
                return null;
            }
            lastId = next.id();
            return next;
        }
    }

    /** Stops following; no more changes are queued. */
    @Override
    public void close() {
        hub.unfollow(this);
    }
}
