package fazt.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void manyConcurrentWritersLoseNothingAndAFailingWriteUndoesOnlyItself() throws Exception {
        try (Database db = Database.open(dir.resolve("data.db"))) {
            List<Future<?>> all = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 500; i++) {
                    int n = i;
                    all.add(pool.submit(() -> db.write(c -> {
                        try (PreparedStatement p = c.prepareStatement("INSERT INTO config(key, value) VALUES (?, ?)")) {
                            p.setString(1, "k" + n);
                            p.setString(2, "v");
                            p.executeUpdate();
                        }
                        if (n % 10 == 0) throw new IllegalStateException("write " + n + " fails on purpose");
                        return null;
                    })));
                }
            }
            int failed = 0;
            for (Future<?> f : all) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
                    failed++;
                }
            }
            assertThat(failed).isEqualTo(50);
            int rows = db.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM config")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(rows).isEqualTo(450);
        }
    }

    @Test
    void backupIsAConsistentCopy() throws Exception {
        Path copy = dir.resolve("copy.db");
        try (Database db = Database.open(dir.resolve("data.db"))) {
            db.write(c -> c.createStatement().executeUpdate("INSERT INTO config(key, value) VALUES ('a', 'b')"));
            db.backupTo(copy);
        }
        assertThat(Files.size(copy)).isPositive();
        try (Database db = Database.open(copy)) {
            String v = db.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT value FROM config WHERE key = 'a'")) {
                    return rs.next() ? rs.getString(1) : null;
                }
            });
            assertThat(v).isEqualTo("b");
        }
    }

    @Test
    void refusesADatabaseFromANewerFazt() throws Exception {
        Path file = dir.resolve("data.db");
        try (Database db = Database.open(file)) {
            db.write(c -> c.createStatement().executeUpdate("INSERT INTO schema_migrations VALUES (999, 0)"));
        }
        assertThatThrownBy(() -> Database.open(file)).isInstanceOf(DatabaseException.class).hasMessageContaining("upgrade fazt");
    }

    @Test
    void writesAfterCloseFailClearly() {
        Database db = Database.open(dir.resolve("data.db"));
        db.close();
        assertThatThrownBy(() -> db.write(c -> null)).hasMessageContaining("closed");
    }

    @Test
    void aReadOnlyOpenReadsWhileTheFileIsServedAndNeverWrites() {
        Path file = dir.resolve("data.db");
        try (Database served = Database.open(file)) {
            served.write(c -> c.createStatement().executeUpdate("INSERT INTO config(key, value) VALUES ('a', 'before')"));
            try (Database readOnly = Database.openReadOnly(file)) {
                assertThat(configValue(readOnly, "a")).isEqualTo("before");
                served.write(c -> c.createStatement().executeUpdate("UPDATE config SET value = 'after' WHERE key = 'a'"));
                assertThat(configValue(readOnly, "a")).as("it sees what the server commits").isEqualTo("after");
                assertThatThrownBy(() -> readOnly.write(c -> null)).isInstanceOf(DatabaseException.class).hasMessageContaining("read-only");
                assertThatThrownBy(() -> readOnly.read(c -> c.createStatement().executeUpdate("DELETE FROM config")))
                        .isInstanceOf(DatabaseException.class).hasMessageContaining("readonly");
            }
            assertThat(configValue(served, "a")).as("the server goes on after the reader closed").isEqualTo("after");
        }
        assertThatThrownBy(() -> Database.openReadOnly(dir.resolve("missing.db"))).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("read-only");
        assertThat(dir.resolve("missing.db")).doesNotExist();
    }

    private static String configValue(Database db, String key) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT value FROM config WHERE key = ?")) {
                p.setString(1, key);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    @Test
    void aLargeWriteIsCheckpointedAfterItsCallerHasItsAnswer() throws Exception {
        Path file = dir.resolve("data.db");
        try (Database db = Database.open(file)) {
            db.write(c -> {
                try (var s = c.createStatement()) {
                    s.execute("CREATE TABLE big(data BLOB)");
                    s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120) INSERT INTO big SELECT randomblob(64 * 1024) FROM n");
                }
                return null;
            });
            db.write(c -> null); // queued behind the checkpoint the first write started
            try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                    var s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(NOOP)")) {
                assertThat(r.next()).isTrue();
                int walPages = r.getInt(2);
                int notCopied = walPages - r.getInt(3);
                assertThat(walPages).as("the 7.5 MB write went through the WAL").isGreaterThan(1000);
                assertThat(notCopied).as("WAL pages not yet in the database").isLessThan(1000);
            }
        }
    }
}
