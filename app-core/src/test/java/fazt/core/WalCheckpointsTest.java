package fazt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The setting {@code wal_checkpoints}: with {@code litestream}, fazt leaves every checkpoint of the
 * WAL to Litestream (which copies the WAL before it checkpoints). A second connection stands in for
 * Litestream's: it keeps the file open, so closing fazt is not SQLite's last close (which would
 * checkpoint on its own), and it reads how far the WAL was copied into data.db.
 */
class WalCheckpointsTest {
    @TempDir
    Path dir;

    @Test
    void withLitestreamFaztCopiesNothingFromTheWalNeitherAfterWritesNorAtClose() throws Exception {
        Path file = dir.resolve("data.db");
        Fazt fazt = Fazt.open(file, Map.of("wal_checkpoints", "litestream"), Map.of());
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            writePages(fazt, 1500); // past the 1000 pages at which fazt checkpoints otherwise
            long[] wal = walFrames(other);
            assertThat(wal[0]).as("frames in the WAL: each row takes two pages or more, and the WAL never started over")
                    .isGreaterThan(3000);
            assertThat(wal[1]).as("frames fazt copied into data.db").isZero();
            fazt.close();
            assertThat(Files.size(dir.resolve("data.db-wal"))).as("the WAL is kept at close").isGreaterThan(0);
            assertThat(walFrames(other)[1]).as("nothing copied at close").isZero();
            assertThat(count(other)).isEqualTo(1500);
        }
        try (Fazt again = Fazt.open(file, Map.of(), Map.of())) {
            assertThat(again.database().read(WalCheckpointsTest::count)).as("every write is there after a restart").isEqualTo(1500);
        }
    }

    @Test
    void byDefaultFaztCheckpointsAfterWritesAndEmptiesTheWalAtClose() throws Exception {
        Path file = dir.resolve("data.db");
        Fazt fazt = Fazt.open(file, Map.of(), Map.of());
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            writePages(fazt, 1500);
            assertThat(walFrames(other)[0]).as("frames in the WAL: it started over after fazt's checkpoint at 1000")
                    .isLessThan(2000);
            fazt.close();
            assertThat(Files.size(dir.resolve("data.db-wal"))).as("the WAL is cut to nothing at close").isZero();
            assertThat(count(other)).isEqualTo(1500);
        }
    }

    @Test
    void theSettingIsFaztOrLitestreamAndAStoredValueTakesEffectAtOnce() throws Exception {
        Path file = dir.resolve("data.db");
        try (Fazt fazt = Fazt.open(file, Map.of(), Map.of());
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(fazt.config().get("wal_checkpoints")).isEqualTo("fazt");
            assertThatThrownBy(() -> fazt.config().store("wal_checkpoints", "sqlite"))
                    .hasMessageContaining("setting wal_checkpoints is fazt")
                    .hasMessageContaining("or litestream")
                    .hasMessageContaining("not 'sqlite'");
            writePages(fazt, 10);
            fazt.config().store("wal_checkpoints", "litestream");
            writePages(fazt, 1500);
            assertThat(walFrames(other)[0]).as("the WAL never started over once litestream is stored").isGreaterThan(3000);
        }
    }

    /** Writes {@code n} rows of about a page each, then one more write, after which fazt's own check for a checkpoint has run. */
    private static void writePages(Fazt fazt, int n) {
        fazt.database().write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS scratch (x TEXT)");
            }
            return null;
        });
        String page = "x".repeat(4000);
        for (int i = 0; i < n; i++) {
            fazt.database().write(c -> {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO scratch (x) VALUES (?)")) {
                    p.setString(1, page);
                    p.executeUpdate();
                }
                return null;
            });
        }
        fazt.database().write(c -> null); // the writer checks for a checkpoint after each commit, before the next write
    }

    /** The WAL's frames and how many of them are copied into data.db ({@code PRAGMA wal_checkpoint(NOOP)}). */
    private static long[] walFrames(Connection c) throws Exception {
        count(c); // a read first: the connection answers from the WAL's header as of its last read
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(NOOP)")) {
            r.next();
            return new long[] {r.getLong(2), r.getLong(3)};
        }
    }

    private static int count(Connection c) throws java.sql.SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM scratch")) {
            r.next();
            return r.getInt(1);
        }
    }
}
