package fazt.server.admin;

import fazt.core.FaztException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing of pairing codes: after {@value #MAX_FAILURES} failed attempts from one
 * client address within {@link #WINDOW}, further attempts from it are refused (429) until the
 * oldest failure leaves the window. A code has about 40 bits, so this leaves guessing hopeless
 * within the code's 10 minutes. Kept in memory: a restart forgets, which only costs the guesser.
 */
final class PairingThrottle {
    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Past this many addresses, the ones with nothing recent are dropped. */
    private static final int PRUNE_ABOVE = 10_000;

    private final Clock clock;
    private final ConcurrentHashMap<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    PairingThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Refuses with TOO_MANY_ATTEMPTS when {@code address} failed too often lately. */
    void check(String address) {
        Deque<Long> recent = failures.get(address);
        if (recent == null) return;
        long now = clock.millis();
        synchronized (recent) {
            expire(recent, now);
            if (recent.size() >= MAX_FAILURES) {
                long waitSeconds = Math.max(1, (recent.peekFirst() + WINDOW.toMillis() - now) / 1000);
                throw new FaztException(FaztException.Kind.TOO_MANY_REQUESTS, "TOO_MANY_ATTEMPTS", "too many wrong pairing codes from "
                        + "this address; try again in " + (waitSeconds + 59) / 60 + " minutes with a fresh code from 'fazt server pair'");
            }
        }
    }

    void failed(String address) {
        long now = clock.millis();
        if (failures.size() > PRUNE_ABOVE) prune(now);
        Deque<Long> recent = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (recent) {
            expire(recent, now);
            recent.addLast(now);
        }
    }

    private void prune(long now) {
        failures.values().removeIf(d -> {
            synchronized (d) {
                expire(d, now);
                return d.isEmpty();
            }
        });
    }

    private static void expire(Deque<Long> recent, long now) {
        while (!recent.isEmpty() && recent.peekFirst() <= now - WINDOW.toMillis()) recent.removeFirst();
    }
}
