package fazt.desktop.views;

import java.util.Locale;

/** A byte count as the window writes it: B, KB or MB with one decimal. */
public final class ByteSize {
    private ByteSize() {}

    public static String text(long n) {
        if (n < 1024) return n + " B";
        if (n < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
        return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
    }
}
