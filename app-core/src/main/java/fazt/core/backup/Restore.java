package fazt.core.backup;

import fazt.core.FaztException;
import fazt.core.InstanceLock;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a backup in the place of data.db ({@code fazt restore}). The backup is checked first
 * ({@link DataFileCheck}); the data.db it replaces is kept beside it as
 * {@code data.db.before-restore-<UTC time>} together with its write-ahead log, so nothing is ever
 * overwritten without a copy; and it is refused while an instance serves that data.db. The
 * instance lock is held throughout, so no instance can start half-way.
 */
public final class Restore {
    private static final Logger log = LoggerFactory.getLogger(Restore.class);
    /** SQLite's companions of a database file: its write-ahead log and the log's index. */
    private static final String WAL = "-wal";
    private static final String SHM = "-shm";

    /** What a restore did: the file now in place, its schema version, and where the previous data.db went (null when there was none). */
    public record Restored(Path dataFile, int schemaVersion, long bytes, Path keptAside) {}

    private Restore() {}

    public static Restored run(Path backup, Path dataFile, Clock clock) {
        Path from = backup.toAbsolutePath().normalize();
        Path to = dataFile.toAbsolutePath().normalize();
        DataFileCheck.Checked checked = DataFileCheck.check(from);
        if (from.equals(to)) throw FaztException.invalid(from + " is the data.db it would replace; restore from a copy");
        try (InstanceLock lock = InstanceLock.acquire(to)) {
            Path aside = Files.exists(to) ? to.resolveSibling(to.getFileName() + ".before-restore-" + BackupFolder.stamp(clock.instant())) : null;
            if (aside != null) moveWithLog(to, aside);
            try {
                copyWithLog(from, to);
            } catch (IOException | RuntimeException e) {
                if (aside != null) putBack(aside, to);
                throw new FaztException(FaztException.Kind.UNAVAILABLE, "RESTORE_FAILED", "cannot restore " + from + " to " + to + ": "
                        + e.getMessage() + (aside != null ? " (the previous data.db is back in place)" : ""));
            }
            log.info("restored {} from {} (schema version {}); the previous data.db is {}", to, from, checked.schemaVersion(),
                    aside == null ? "none" : aside);
            return new Restored(to, checked.schemaVersion(), checked.bytes(), aside);
        } catch (IOException e) {
            throw new FaztException(FaztException.Kind.UNAVAILABLE, "RESTORE_FAILED", "cannot keep " + to + " aside: " + e.getMessage()
                    + "; nothing was changed");
        } catch (FaztException e) {
            if (!e.code().equals("DATA_IN_USE")) throw e;
            // the OS lock says whether it is held; the lock file says by whom
            throw InstanceLock.readHolder(to).map(h -> running(to, h)).orElse(e);
        }
    }

    private static FaztException running(Path dataFile, InstanceLock.Holder holder) {
        return new FaztException(FaztException.Kind.CONFLICT, "INSTANCE_RUNNING", "fazt is serving " + dataFile + " (PID " + holder.pid()
                + (holder.port() > 0 ? ", port " + holder.port() : "") + "); stop it first, then restore");
    }

    /**
     * Moves a database and its write-ahead log together (committed writes may still be only in the
     * log), so the copy kept aside opens with everything. The log's index is rebuilt by SQLite.
     */
    private static void moveWithLog(Path db, Path target) throws IOException {
        Files.move(db, target);
        Path wal = companion(db, WAL);
        if (Files.exists(wal)) Files.move(wal, companion(target, WAL));
        Files.deleteIfExists(companion(db, SHM));
    }

    private static void putBack(Path aside, Path db) {
        try {
            Files.deleteIfExists(db);
            Files.deleteIfExists(companion(db, WAL));
            moveWithLog(aside, db);
        } catch (IOException e) {
            log.error("could not put {} back as {}: {}", aside, db, e.getMessage());
        }
    }

    /** Copies the backup (and its log, if it has one with writes in it) to a new file, synced, then gives it data.db's name. */
    private static void copyWithLog(Path from, Path to) throws IOException {
        Path part = to.resolveSibling(to.getFileName() + ".restoring");
        copySynced(from, part);
        Path fromWal = companion(from, WAL);
        if (Files.exists(fromWal) && Files.size(fromWal) > 0) copySynced(fromWal, companion(to, WAL));
        Files.move(part, to, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void copySynced(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel ch = FileChannel.open(to, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static Path companion(Path db, String suffix) {
        return db.resolveSibling(db.getFileName() + suffix);
    }
}
