package fazt.core.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the writer copies the WAL back into data.db. SQLite's automatic checkpoint is off
 * ({@code wal_autocheckpoint=0}): it would run inside the COMMIT that filled the WAL, so the write
 * that crossed the threshold (a 50 MB deploy: about a fifth of a second) would wait for it. The
 * writer runs one here after its callers have their answer, one after a full disk, and one at
 * close; none at all while another program owns the checkpoints (Litestream, setting
 * {@code wal_checkpoints}).
 */
final class WalCheckpoints {
    private static final Logger log = LoggerFactory.getLogger(WalCheckpoints.class);
    /** WAL pages not yet copied into the database that start a checkpoint (SQLite's own default). */
    private static final int CHECKPOINT_PAGES = 1000;

    private final Connection writer;
    private volatile BooleanSupplier leftToOthers = () -> false;

    WalCheckpoints(Connection writer) {
        this.writer = writer;
    }

    void leaveTo(BooleanSupplier others) {
        leftToOthers = others;
    }

    /** After a commit: a passive checkpoint once the WAL holds {@value #CHECKPOINT_PAGES} pages not yet copied. */
    void afterCommit() {
        if (leftToOthers.getAsBoolean()) return;
        try (Statement s = writer.createStatement(); ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(NOOP)")) {
            if (!r.next() || r.getInt(2) - r.getInt(3) < CHECKPOINT_PAGES) return;
        } catch (SQLException e) {
            log.warn("reading the WAL size failed: {}", e.getMessage());
            return;
        }
        run("PASSIVE", "WAL checkpoint failed");
    }

    /**
     * A write that filled the disk left the WAL file as large as it got, and the WAL only grows
     * until a checkpoint: everything committed is copied into data.db and the WAL cut to nothing,
     * so the space is free for the next write (and for the rest of the machine). Under a
     * replicator, its next checkpoint gives the space back.
     */
    void afterDiskFull() {
        if (leftToOthers.getAsBoolean()) return;
        run("TRUNCATE", "giving back the WAL's space after a full disk failed");
    }

    /** At close the WAL is emptied, unless it holds what a replicator may not have copied yet. */
    void atClose() {
        if (leftToOthers.getAsBoolean()) return;
        run("TRUNCATE", "WAL checkpoint at close failed");
    }

    private void run(String mode, String failure) {
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(" + mode + ")");
        } catch (SQLException e) {
            log.warn("{}: {}", failure, e.getMessage());
        }
    }
}
