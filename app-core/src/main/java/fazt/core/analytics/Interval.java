package fazt.core.analytics;

import fazt.core.FaztException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** The bucket width of a timeline. Buckets start on whole UTC hours or days. */
public enum Interval {
    HOUR(TimeUnit.HOURS.toMillis(1), 24),
    DAY(TimeUnit.DAYS.toMillis(1), 30);

    public final long millis;
    /** The most buckets a timeline may have. */
    public static final int MAX_BUCKETS = 5000;
    /** How many buckets a timeline has when no {@code from} is given. */
    public final int defaultBuckets;

    Interval(long millis, int defaultBuckets) {
        this.millis = millis;
        this.defaultBuckets = defaultBuckets;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code hour} or {@code day}; null means day. */
    public static Interval parse(String s) {
        if (s == null || s.isBlank()) return DAY;
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "hour" -> HOUR;
            case "day" -> DAY;
            default -> throw FaztException.invalid("interval must be hour or day, not '" + s + "'");
        };
    }

    /** The start of the oldest of the last {@code points} buckets, the newest being the one {@code now} falls in. */
    public long startOfLast(int points, long now) {
        if (points < 1 || points > MAX_BUCKETS) {
            throw FaztException.invalid("a timeline has 1 to " + MAX_BUCKETS + " points, not " + points);
        }
        return floor(now) - (points - 1) * millis;
    }

    /** The start of the bucket {@code millis} falls in. */
    public long floor(long millis) {
        return Math.floorDiv(millis, this.millis) * this.millis;
    }
}
