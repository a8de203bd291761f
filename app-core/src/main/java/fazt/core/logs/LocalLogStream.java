package fazt.core.logs;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Delivers what a {@link LogFollower} yields to a consumer, on a virtual thread of its own. */
public final class LocalLogStream implements LogStream {
    private static final long POLL_MILLIS = 1000;

    private final LogFollower follower;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean closed;

    /** Starts delivering at once; the stream owns {@code follower} and closes it. */
    public LocalLogStream(LogFollower follower, Consumer<LogLine> onLine) {
        this.follower = follower;
        this.thread = Thread.ofVirtual().name("fazt-log-stream").start(() -> deliver(onLine));
    }

    private void deliver(Consumer<LogLine> onLine) {
        try {
            while (!closed) {
                LogLine line = follower.poll(POLL_MILLIS);
                if (line != null && !closed) onLine.accept(line);
            }
            done.complete(null);
        } catch (InterruptedException e) {
            done.complete(null); // close() interrupts a waiting poll
        } catch (RuntimeException e) {
            if (closed) done.complete(null);
            else done.completeExceptionally(e);
        } finally {
            follower.close();
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
