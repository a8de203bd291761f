package fazt.core.js;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One function call from the moment it is accepted until it is answered: the context it runs in
 * while it runs, its deadlines, and the one answer it gives ({@link #answer}: the first wins, so
 * a late result after a 504 is dropped). {@link CallWatchdog} checks it while it is in flight.
 */
final class PendingCall {
    private final Consumer<FunctionResponse> reply;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final long giveUpAt;
    private long runDeadline;
    private JsContext context;
    private volatile boolean timedOut;

    PendingCall(long timeoutMs, long graceMs, Consumer<FunctionResponse> reply) {
        this.reply = reply;
        this.giveUpAt = System.nanoTime() + (timeoutMs + graceMs) * 1_000_000;
    }

    /** The run starts in {@code ctx}; past {@code deadlineNanos} the watchdog cancels it. */
    synchronized void started(JsContext ctx, long deadlineNanos) {
        context = ctx;
        runDeadline = deadlineNanos;
    }

    /** The run is over: its context may go back to the pool, and nothing cancels it any more. */
    synchronized void finished() {
        context = null;
    }

    /** Stops the run now, if it is running (the heap runs low). */
    synchronized void cancelRun() {
        if (context != null) context.cancel();
    }

    /** True when the watchdog stopped the run at its time limit. */
    boolean timedOut() {
        return timedOut;
    }

    boolean answered() {
        return answered.get();
    }

    /** Gives the call's answer unless it has one already. */
    void answer(FunctionResponse response) {
        if (answered.compareAndSet(false, true)) reply.accept(response);
    }

    /** The watchdog's look at {@code now}: cancels a run past its limit; true once the call gave up (504). */
    boolean check(long now) {
        synchronized (this) {
            if (context != null && !timedOut && now - runDeadline >= 0) {
                timedOut = true;
                context.cancel();
            }
        }
        if (now - giveUpAt < 0) return false;
        answer(Functions.error(504, "timeout"));
        return true;
    }
}
