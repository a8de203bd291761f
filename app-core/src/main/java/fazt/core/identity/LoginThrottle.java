package fazt.core.identity;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed sign-ins per client address (SPEC §6.1: 5 failures in 15 minutes → 429). Kept in
 * memory: a restart forgets it, which only gives an attacker five more tries per restart.
 */
public final class LoginThrottle {
    public static final int MAX_FAILURES = 5;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 100_000;

    private final ConcurrentHashMap<String, Deque<Long>> failures = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final int maxFailures;

    public LoginThrottle(LongSupplier clock, int maxFailures) {
        this.clock = clock;
        this.maxFailures = maxFailures;
    }

    /** Seconds until {@code address} may try again, or 0 when it may try now. */
    public long retryAfterSeconds(String address) {
        Deque<Long> times = failures.get(address);
        if (times == null) return 0;
        synchronized (times) {
            prune(times);
            if (times.size() < maxFailures) return 0;
            return Math.max(1, (times.peekFirst() + WINDOW.toMillis() - clock.getAsLong() + 999) / 1000);
        }
    }

    public void failed(String address) {
        if (failures.size() > MAX_TRACKED) failures.values().removeIf(d -> {
            synchronized (d) {
                prune(d);
                return d.isEmpty();
            }
        });
        Deque<Long> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            prune(times);
            times.addLast(clock.getAsLong());
        }
    }

    public void succeeded(String address) {
        failures.remove(address);
    }

    private void prune(Deque<Long> times) {
        long oldest = clock.getAsLong() - WINDOW.toMillis();
        while (!times.isEmpty() && times.peekFirst() <= oldest) times.removeFirst();
    }
}
