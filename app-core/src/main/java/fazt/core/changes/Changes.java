package fazt.core.changes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The engine's change hub: feature classes {@link #publish} a {@link Change} after their
 * transaction commits, and every reader ({@link #follow}) gets it on a queue of its own. A
 * publisher never waits for a reader: a reader that falls {@value #QUEUE} changes behind is told
 * to {@code resync} instead of holding them all. The last {@value #RING} changes are kept, so a
 * reader that reconnects with the id it saw last gets what it missed, or a {@code resync} when
 * that is older than what is kept.
 *
 * <p>Ids only grow, also from one run of the instance to the next (the first id of a run is made
 * from the clock), so an id from before a restart is never mistaken for a newer one.
 */
public final class Changes {
    /** How many recent changes are kept for readers that reconnect. */
    public static final int RING = 1024;
    /** How many changes may wait for one reader before it is told to resync. */
    public static final int QUEUE = 1024;
    /** Ids per millisecond of the start time: a run publishing less than this per millisecond never reuses an id. */
    private static final long IDS_PER_MILLI = 1000;

    private final LongSupplier clock;
    private final Change[] ring;
    private final int queueSize;
    /** The id before the first change of this run. */
    private final long start;
    private long lastId;
    private final List<ChangeFeed> feeds = new ArrayList<>();

    public Changes() {
        this(RING, QUEUE, System::currentTimeMillis);
    }

    /** {@code clock} gives milliseconds since the epoch, for the changes' times and the first id. */
    public Changes(int ringSize, int queueSize, LongSupplier clock) {
        if (ringSize < 1 || queueSize < 1) throw new IllegalArgumentException("ring and queue need room for at least one change");
        this.clock = clock;
        this.ring = new Change[ringSize];
        this.queueSize = queueSize;
        this.start = clock.getAsLong() * IDS_PER_MILLI;
        this.lastId = start;
    }

    /**
     * Tells every reader about a committed change; call it after the transaction, never inside
     * it (a change that is rolled back must not be told). Never blocks on a reader.
     */
    public Change publish(ChangeKind kind, String app, String subject) {
        if (kind == ChangeKind.RESYNC) throw new IllegalArgumentException("resync is told to one reader, never published");
        synchronized (this) {
            Change change = new Change(++lastId, clock.getAsLong(), kind.id(), app, subject);
            ring[slot(change.id())] = change;
            for (ChangeFeed feed : feeds) feed.offer(change);
            return change;
        }
    }

    /** The id of the newest change (before the first one: a number below every id this run will give). */
    public synchronized long lastId() {
        return lastId;
    }

    /**
     * A new reader. With {@code afterId} null it gets the changes published from now on; with the
     * id of the last change a reader saw, it first gets those after it that are still kept, or a
     * {@code resync} when some are no longer kept (or the id is not one of this instance's).
     */
    public synchronized ChangeFeed follow(Long afterId) {
        ChangeFeed feed = new ChangeFeed(this, queueSize, afterId == null ? lastId : afterId);
        if (afterId != null && afterId != lastId) {
            long oldestKept = Math.max(start + 1, lastId - ring.length + 1);
            if (afterId >= oldestKept - 1 && afterId < lastId) {
                for (long id = afterId + 1; id <= lastId; id++) feed.offer(ring[slot(id)]);
            } else {
                feed.mustResync(afterId > lastId ? "change " + afterId + " is not one of this instance's (did it restart?)"
                        : "changes after " + afterId + " are no longer kept");
            }
        }
        feeds.add(feed);
        return feed;
    }

    /** How many readers follow now (open change streams, the desktop); a stream whose client left is gone at its next write. */
    public synchronized int readers() {
        return feeds.size();
    }

    synchronized void unfollow(ChangeFeed feed) {
        feeds.remove(feed);
    }

    /**
     * Empties the reader's queue and gives it the {@code resync} notice, carrying the newest id:
     * every change after it reaches the reader. Done under the hub's lock, so no change
     * published meanwhile is lost between the two.
     */
    synchronized Change resync(ChangeFeed feed, String reason) {
        feed.clear();
        return new Change(lastId, clock.getAsLong(), ChangeKind.RESYNC.id(), null, reason);
    }

    private int slot(long id) {
        return (int) Math.floorMod(id, (long) ring.length);
    }
}
