package fazt.server.mcp;

import fazt.core.identity.TooManyAttempts;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * At most so many tool calls per caller (API key, or stdio) in any one minute-long window (the
 * {@code mcp_calls_per_minute} setting), so that a looping agent cannot hammer the instance; past
 * it a call is refused with the seconds to wait.
 */
final class McpRateLimit {
    static final int DEFAULT_PER_MINUTE = 240;
    private static final long WINDOW_MS = 60_000;

    private final IntSupplier perMinuteNow;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();

    McpRateLimit(IntSupplier perMinute) {
        this.perMinuteNow = perMinute;
    }

    /** Counts one call by {@code actor}; throws {@link TooManyAttempts} when it is one too many. */
    void acquire(String actor) {
        int perMinute = perMinuteNow.getAsInt();
        long now = System.currentTimeMillis();
        long[] w = windows.computeIfAbsent(actor, a -> new long[] {now, 0});
        synchronized (w) {
            if (now - w[0] >= WINDOW_MS) {
                w[0] = now;
                w[1] = 0;
            }
            if (w[1] >= perMinute) {
                long wait = Math.max(1, (w[0] + WINDOW_MS - now + 999) / 1000);
                throw new TooManyAttempts("more than " + perMinute + " tool calls in a minute; wait " + wait + " s", wait);
            }
            w[1]++;
        }
    }
}
