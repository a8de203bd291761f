package fazt.core.changes;

import java.util.concurrent.CompletableFuture;

/** Changes being delivered to a consumer until {@link #close}; see {@link fazt.core.Node#followChanges}. */
public interface ChangeStream extends AutoCloseable {
    /**
     * Completes normally once the stream is closed, or exceptionally when it broke: with a
     * {@link fazt.core.FaztException} when the instance went away or refused it, or with what the
     * consumer threw.
     */
    CompletableFuture<Void> done();

    /** Stops delivering changes; none is delivered after this returns. */
    @Override
    void close();
}
