package fazt.core.js;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The function calls in flight and their two deadlines: a run past its time limit is cancelled,
 * and a call still unanswered {@link #GRACE_MS} after its limit (it waited in the queue that long,
 * or a host call does not return) is answered 504. One timer thread looks at every call each
 * {@link #TICK_MS}, and only while calls are in flight: a request adds itself to a set and removes
 * itself again, instead of putting a timer task of its own in and out of a queue shared by all.
 */
final class CallWatchdog implements AutoCloseable {
    /** How often the deadlines are checked while calls are in flight: a limit strikes at most this late. */
    static final long TICK_MS = 10;
    /** How long past its time limit a call may stay unanswered before it gets 504 anyway (the wait for it was 5 s before too). */
    static final long GRACE_MS = 5_000;

    private final Set<PendingCall> calls = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor timer;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final long graceMs;

    CallWatchdog() {
        this(GRACE_MS);
    }

    /** With another grace than {@link #GRACE_MS} (tests). */
    CallWatchdog(long graceMs) {
        this.graceMs = graceMs;
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "fazt-js-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    /** A new call with a time limit of {@code timeoutMs}, watched from now on; {@code reply} gets its one answer. */
    PendingCall open(long timeoutMs, Consumer<FunctionResponse> reply) {
        PendingCall call = new PendingCall(timeoutMs, graceMs, reply);
        calls.add(call);
        if (!armed.get() && armed.compareAndSet(false, true)) schedule();
        return call;
    }

    /** The call is answered and its run is over: no longer watched. */
    void remove(PendingCall call) {
        calls.remove(call);
    }

    /** Stops every run under way (the heap runs low); their calls answer 503. */
    void cancelAllRuns() {
        for (PendingCall c : calls) c.cancelRun();
    }

    private void schedule() {
        try {
            timer.schedule(this::sweep, TICK_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            armed.set(false); // closing
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (PendingCall c : calls) {
            if (c.check(now)) calls.remove(c);
        }
        armed.set(false);
        // a call added while this sweep ran saw the watchdog armed and did not arm it
        if (!calls.isEmpty() && armed.compareAndSet(false, true)) schedule();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
