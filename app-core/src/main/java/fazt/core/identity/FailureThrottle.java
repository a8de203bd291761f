package fazt.core.identity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed attempts per client address within a window, for what must not be guessed: owner
 * sign-ins (SPEC §6.1: 5 failures in 15 minutes → 429) and pairing codes (10 in 15 minutes). An
 * IPv6 client counts by its /64, the block one machine usually has to itself. Kept in memory: a
 * restart forgets it, which only gives a guesser a few more tries per restart.
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
        Deque<Long> times = failures.get(key(address));
        if (times == null) return 0;
        long now = clock.getAsLong();
        synchronized (times) {
            expire(times, now);
            if (times.size() < maxFailures) return 0;
            return Math.max(1, (times.peekFirst() + WINDOW.toMillis() - now + 999) / 1000);
        }
    }

    /**
     * Counts an attempt as failed before it is checked, so that many sent at once cannot all get
     * past the limit: returns 0 when the attempt may go on (call {@link #succeeded} if it then
     * succeeds), or the seconds to wait, without counting it.
     */
    public long reserve(String address) {
        long now = clock.getAsLong();
        Deque<Long> times = failures.computeIfAbsent(key(address), a -> new ArrayDeque<>());
        synchronized (times) {
            expire(times, now);
            if (times.size() >= maxFailures) {
                return Math.max(1, (times.peekFirst() + WINDOW.toMillis() - now + 999) / 1000);
            }
            times.addLast(now);
            return 0;
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
        Deque<Long> times = failures.computeIfAbsent(key(address), a -> new ArrayDeque<>());
        synchronized (times) {
            expire(times, now);
            times.addLast(now);
        }
    }

    public void succeeded(String address) {
        failures.remove(key(address));
    }

    /** The address itself, or for IPv6 its first 64 bits. */
    static String key(String address) {
        if (address == null || address.indexOf(':') < 0) return address;
        try {
            byte[] b = InetAddress.getByName(address).getAddress(); // an IPv6 literal: parsed, never looked up
            return b.length == 16 ? HexFormat.of().formatHex(b, 0, 8) + "::/64" : address;
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private static void expire(Deque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - WINDOW.toMillis()) times.removeFirst();
    }
}
