package fazt.core.analytics;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * The secret mixed into visitor hashes, one per UTC day. It lives in memory only: stored next to
 * the truncated addresses and the hashes (data.db, its backups), it would let anyone holding the
 * file try the 256 addresses of a /24 with common user agents and undo the truncation. At the
 * first event of a new day a new salt replaces the old one, so no hash can be tied to an address
 * afterwards. The price: a restart within a day starts a new salt, and a visitor seen before and
 * after it counts twice that day.
 */
final class DailySalt {
    static final long DAY_MILLIS = TimeUnit.DAYS.toMillis(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private volatile Day current;

    private record Day(long number, byte[] salt) {}

    /**
     * The salt of the day {@code timeMillis} falls on. An event of a day already replaced (one that
     * waited in the buffer across midnight) gets today's salt: the old one is gone on purpose.
     */
    byte[] forTime(long timeMillis) {
        long day = Math.floorDiv(timeMillis, DAY_MILLIS);
        Day d = current;
        if (d != null && day <= d.number()) return d.salt();
        synchronized (this) {
            d = current;
            if (d == null || day > d.number()) {
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                d = new Day(day, fresh);
                current = d;
            }
            return d.salt();
        }
    }
}
