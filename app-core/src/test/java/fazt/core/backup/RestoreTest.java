package fazt.core.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import fazt.core.Fazt;
import fazt.core.FaztException;
import fazt.core.db.Database;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Restore} and {@link DataFileCheck}: each refusal in words, and a restore that keeps the previous data.db. */
class RestoreTest {
    private static final Clock NOON = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** A data.db with one KV entry {@code k = value}, closed, and a backup of it made while it was open. */
    private Path backupHolding(String value) {
        Path copy = dir.resolve("backup-" + value + ".db");
        try (Fazt fazt = Fazt.open(dir.resolve("source-" + value + "/data.db"), Map.of(), Map.of())) {
            fazt.kv().set("app1", "k", TextNode.valueOf(value), null);
            fazt.database().backupTo(copy);
        }
        return copy;
    }

    private void assertRefused(Path backup, String code, String... words) {
        Path target = dir.resolve("target/data.db");
        assertThatThrownBy(() -> Restore.run(backup, target, NOON)).isInstanceOfSatisfying(FaztException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(words);
        });
        assertThat(target).doesNotExist();
    }

    @Test
    void aMissingFileIsRefused() {
        assertRefused(dir.resolve("nope.db"), "NO_SUCH_FILE", "there is no file", "nope.db");
    }

    @Test
    void aFileThatIsNotSqliteIsRefused() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "SQLite? no, just words");
        assertRefused(text, "NOT_SQLITE", "is not a SQLite database");
    }

    @Test
    void aSqliteFileThatIsNotFaztsIsRefused() throws Exception {
        Path other = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE config (key TEXT, value TEXT)");
        }
        assertRefused(other, "NOT_FAZT", "not a fazt data.db", "schema_migrations", "apps");
    }

    @Test
    void aDamagedFileIsRefused() throws Exception {
        Path copy = backupHolding("v");
        try (RandomAccessFile f = new RandomAccessFile(copy.toFile(), "rw")) {
            byte[] noise = new byte[(int) f.length() - 8192];
            java.util.Arrays.fill(noise, (byte) 0x5a);
            f.seek(8192); // past the header and the schema's first page: the tables are there, their contents are not
            f.write(noise);
        }
        assertRefused(copy, "CORRUPT", "is damaged", "use another backup");
    }

    @Test
    void aBackupOfANewerSchemaIsRefused() throws Exception {
        Path copy = backupHolding("v");
        int newer = Database.latestSchemaVersion() + 1;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy); Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_migrations(version, applied_at) VALUES (" + newer + ", 0)");
        }
        assertRefused(copy, "NEWER_SCHEMA", "written by a newer fazt", "schema version " + newer, "upgrade fazt");
    }

    @Test
    void aDataDbBeingServedIsNotReplacedAndTheHolderIsNamed() {
        Path copy = backupHolding("old");
        Path live = dir.resolve("live/data.db");
        try (Fazt serving = Fazt.open(live, Map.of(), Map.of())) {
            serving.kv().set("app1", "k", TextNode.valueOf("live"), null);
            assertThatThrownBy(() -> Restore.run(copy, live, NOON)).isInstanceOfSatisfying(FaztException.class, e -> {
                assertThat(e.code()).isEqualTo("INSTANCE_RUNNING");
                assertThat(e.getMessage()).contains("PID " + ProcessHandle.current().pid(), "stop it first");
            });
            assertThat(serving.kv().get("app1", "k")).hasValue(TextNode.valueOf("live"));
        }
        assertThat(live.resolveSibling("data.db.before-restore-20261203T120000Z")).doesNotExist();
    }

    @Test
    void theBackupTakesDataDbsPlaceAndThePreviousOneIsKeptAside() {
        Path copy = backupHolding("backed-up");
        Path live = dir.resolve("live/data.db");
        try (Fazt fazt = Fazt.open(live, Map.of(), Map.of())) {
            fazt.kv().set("app1", "k", TextNode.valueOf("written later"), null);
        }
        Restore.Restored done = Restore.run(copy, live, NOON);
        assertThat(done.keptAside()).isEqualTo(live.resolveSibling("data.db.before-restore-20261203T120000Z"));
        assertThat(done.schemaVersion()).isEqualTo(Database.latestSchemaVersion());
        assertThat(live.resolveSibling("data.db.restoring")).doesNotExist();
        try (Fazt fazt = Fazt.open(live, Map.of(), Map.of())) {
            assertThat(fazt.kv().get("app1", "k")).hasValue(TextNode.valueOf("backed-up"));
        }
        try (Fazt before = Fazt.open(done.keptAside(), Map.of(), Map.of())) {
            assertThat(before.kv().get("app1", "k")).hasValue(TextNode.valueOf("written later"));
        }
        // a second restore in the same second would need the same name for the copy kept aside: refused, nothing changed
        assertThatThrownBy(() -> Restore.run(copy, live, NOON)).hasMessageContaining("nothing was changed");
        assertThat(DataFileCheck.check(live).schemaVersion()).isEqualTo(Database.latestSchemaVersion());
    }

    @Test
    void restoringIntoAFolderWithoutDataDbKeepsNothingAside() {
        Path copy = backupHolding("first");
        Restore.Restored done = Restore.run(copy, dir.resolve("new/data.db"), NOON);
        assertThat(done.keptAside()).isNull();
        assertThat(DataFileCheck.check(dir.resolve("new/data.db")).bytes()).isEqualTo(done.bytes());
    }

    @Test
    void writesStillOnlyInTheWriteAheadLogGoAsideWithTheirDataDb() throws Exception {
        Path copy = backupHolding("backed-up");
        Path crashed = Files.createDirectories(dir.resolve("crashed")).resolve("data.db");
        Path live = dir.resolve("live/data.db");
        try (Fazt fazt = Fazt.open(live, Map.of(), Map.of())) {
            fazt.kv().set("app1", "k", TextNode.valueOf("in the log only"), null);
            // what a killed instance leaves: data.db and a -wal holding committed writes not yet checkpointed
            Files.copy(live, crashed);
            Files.copy(live.resolveSibling("data.db-wal"), crashed.resolveSibling("data.db-wal"));
        }
        assertThat(Files.size(crashed.resolveSibling("data.db-wal"))).isPositive();

        Restore.Restored done = Restore.run(copy, crashed, NOON);
        assertThat(crashed.resolveSibling("data.db-wal")).doesNotExist();
        assertThat(crashed.resolveSibling("data.db.before-restore-20261203T120000Z-wal")).exists();
        try (Fazt before = Fazt.open(done.keptAside(), Map.of(), Map.of())) {
            assertThat(before.kv().get("app1", "k")).hasValue(TextNode.valueOf("in the log only"));
        }
        try (Fazt restored = Fazt.open(crashed, Map.of(), Map.of())) {
            assertThat(restored.kv().get("app1", "k")).hasValue(TextNode.valueOf("backed-up"));
        }
    }
}
