package fazt.core;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Hands what a {@link Source} yields to a consumer, on a virtual thread of its own, until closed:
 * the local side of following function logs and changes. The delivery owns the source and closes it.
 */
public abstract class PolledDelivery<T> {
    /** Something read by waiting for the next item ({@code null} after {@code timeoutMillis} without one). */
    public interface Source<T> extends AutoCloseable {
        T poll(long timeoutMillis) throws InterruptedException;

        @Override
        void close();
    }

    private static final long POLL_MILLIS = 1000;

    private final Source<T> source;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean closed;

    /** Starts delivering at once. */
    protected PolledDelivery(String threadName, Source<T> source, Consumer<T> consumer) {
        this.source = source;
        this.thread = Thread.ofVirtual().name(threadName).start(() -> deliver(consumer));
    }

    private void deliver(Consumer<T> consumer) {
        try (source) {
            while (!closed) {
                T item = source.poll(POLL_MILLIS);
                if (item != null && !closed) consumer.accept(item);
            }
            done.complete(null);
        } catch (InterruptedException e) {
            done.complete(null); // close() interrupts a waiting poll
        } catch (RuntimeException e) {
            if (closed) done.complete(null);
            else done.completeExceptionally(e);
        }
    }

    /** Completes normally once closed, or with what broke the delivery (the consumer's exception included). */
    public CompletableFuture<Void> done() {
        return done;
    }

    /** Stops delivering; nothing is delivered after this returns. */
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
