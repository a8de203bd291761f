package fazt.core.changes;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Delivers what a {@link ChangeFeed} yields to a consumer, on a virtual thread of its own. */
public final class LocalChangeStream implements ChangeStream {
    private static final long POLL_MILLIS = 1000;

    private final ChangeFeed feed;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean closed;

    /** Starts delivering at once; the stream owns {@code feed} and closes it. */
    public LocalChangeStream(ChangeFeed feed, Consumer<Change> onChange) {
        this.feed = feed;
        this.thread = Thread.ofVirtual().name("fazt-change-stream").start(() -> deliver(onChange));
    }

    private void deliver(Consumer<Change> onChange) {
        try (feed) {
            while (!closed) {
                Change change = feed.poll(POLL_MILLIS);
                if (change != null && !closed) onChange.accept(change);
            }
            done.complete(null);
        } catch (InterruptedException e) {
            done.complete(null); // close() interrupts a waiting poll
        } catch (RuntimeException e) {
            if (closed) done.complete(null);
            else done.completeExceptionally(e);
        }
    }

    @Override
    public CompletableFuture<Void> done() {
        return done;
    }

    @Override
    public void close() {
        closed = true;
        if (Thread.currentThread() == thread) return; // closed from the consumer: the loop ends after it returns
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
