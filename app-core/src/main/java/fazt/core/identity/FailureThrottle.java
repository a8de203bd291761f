package fazt.core.identity;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed attempts per client address within a window, for what must not be guessed: owner
 * sign-ins (SPEC §6.1: 5 failures in 15 minutes → 429) and pairing codes (10 in 15 minutes). Kept
 * in memory: a restart forgets it, which only gives a guesser a few more tries per restart.
 */
public final class FailureThrottle {
    public static final int LOGIN_FAILURES = 5;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** Past this many addresses, the ones with nothing recent are dropped. */
    private static final int PRUNE_ABOVE = 100_000;

    private final ConcurrentHashMap<String, Deque<Long>> failures = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final int maxFailures;

    public FailureThrottle(LongSupplier clock, int maxFailures) {
        this.clock = clock;
        this.maxFailures = maxFailures;
    }

    /** Seconds until {@code address} may try again, or 0 when it may try now. */
    public long retryAfterSeconds(String address) {
        Deque<Long> times = failures.get(address);
        if (times == null) return 0;
        long now = clock.getAsLong();
        synchronized (times) {
            expire(times, now);
            if (times.size() < maxFailures) return 0;
            return Math.max(1, (times.peekFirst() + WINDOW.toMillis() - now + 999) / 1000);
        }
    }

    public void failed(String address) {
        long now = clock.getAsLong();
        if (failures.size() > PRUNE_ABOVE) {
            failures.values().removeIf(d -> {
                synchronized (d) {
                    expire(d, now);
                    return d.isEmpty();
                }
            });
        }
        Deque<Long> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            expire(times, now);
            times.addLast(now);
        }
    }

    public void succeeded(String address) {
        failures.remove(address);
    }

    private static void expire(Deque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - WINDOW.toMillis()) times.removeFirst();
    }
}
