package fazt.desktop.views;

/** "3 min ago": how long ago a moment was, in the largest whole unit, as the app rows show it. */
final class Ago {
    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private Ago() {}

    /** {@code then} seen at {@code now} (both epoch milliseconds); a moment in the future (clock skew) reads "just now". */
    static String text(long now, long then) {
        long d = now - then;
        if (d < MINUTE) return "just now";
        if (d < HOUR) return d / MINUTE + " min ago";
        if (d < DAY) return count(d / HOUR, "hour") + " ago";
        if (d < 30 * DAY) return count(d / DAY, "day") + " ago";
        if (d < 365 * DAY) return count(d / (30 * DAY), "month") + " ago";
        return count(d / (365 * DAY), "year") + " ago";
    }

    private static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
