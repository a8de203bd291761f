package fazt.core.db;

import fazt.core.FaztException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A write that did not fit on the disk holding data.db, or would not (asked before a large
 * write). SQLite undoes the whole transaction, so nothing of the write was kept and everything
 * written before it is still there; the message says so, and what to do. HTTP answers it with 507.
 */
public final class DiskFull extends FaztException {
    DiskFull(Path file) {
        super(Kind.INSUFFICIENT_STORAGE, "DISK_FULL", "disk full: the disk that holds " + file
                + " has no room for this write; nothing was changed. Free some space on that disk and try again");
    }

    DiskFull(Path file, long needed, long free) {
        super(Kind.INSUFFICIENT_STORAGE, "DISK_FULL", "disk full: this write needs about " + megabytes(needed)
                + " on the disk that holds " + file + ", which has " + megabytes(free)
                + " free; nothing was changed. Free some space on that disk and try again");
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** True when {@code t}, or anything it carries (causes, suppressed), is SQLite's "database or disk is full". */
    static boolean causedBy(Throwable t) {
        for (int depth = 0; t != null && depth < 10; t = t.getCause(), depth++) {
            if (t instanceof SQLiteException e && e.getResultCode() == SQLiteErrorCode.SQLITE_FULL) return true;
            if (t instanceof SQLException e && e.getMessage() != null && e.getMessage().contains("database or disk is full")) return true;
            for (Throwable s : t.getSuppressed()) if (causedBy(s)) return true;
        }
        return false;
    }
}
