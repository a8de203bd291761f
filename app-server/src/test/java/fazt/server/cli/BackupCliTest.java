package fazt.server.cli;

import static fazt.server.cli.CliTest.fazt;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.server.TestInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fazt restore} and the scheduled-backup settings as a person meets them: exit codes, messages, status. */
class BackupCliTest {
    @TempDir
    Path dir;

    @Test
    void restoreSaysWhatIsWrongWithTheFile() throws Exception {
        String data = dir.resolve("data.db").toString();
        CliTest.Run missing = fazt("restore", dir.resolve("none.db").toString(), "--data", data);
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).startsWith("error: there is no file ").contains("none.db");
        Path text = Files.writeString(dir.resolve("notes.txt"), "plain words, not a database");
        assertThat(fazt("restore", text.toString(), "--data", data).err()).contains("is not a SQLite database");
        assertThat(Path.of(data)).doesNotExist();
    }

    @Test
    void restoreIsRefusedWhileTheInstanceServesAndThenWorksOnceStopped() throws Exception {
        Path served = dir.resolve("served");
        Path copy = dir.resolve("copy.db");
        try (TestInstance t = new TestInstance(served, Map.of())) {
            assertThat(fazt("backup", copy.toString(), "--data", served.toString()).code()).isZero();
            CliTest.Run refused = fazt("restore", copy.toString(), "--data", served.toString());
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).contains("fazt is serving " + served.resolve("data.db"), "PID " + ProcessHandle.current().pid(),
                    "port " + t.port(), "stop it first");
            assertThat(t.get("localhost", "/").statusCode()).as("still serving").isLessThan(500);
        }
        CliTest.Run done = fazt("restore", copy.toString(), "--data", served.toString());
        assertThat(done.code()).as(done.err()).isZero();
        assertThat(done.out()).contains("restored " + served.resolve("data.db"), "the previous data.db is kept as "
                + served.resolve("data.db.before-restore-"));
    }

    @Test
    void setConfigStoresTheScheduleAndStatusShowsAFailedRun() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("a-file"), "x");
        try (TestInstance t = new TestInstance(dir.resolve("live"), Map.of())) {
            String data = t.dir.toString();
            CliTest.Run bad = fazt("server", "set-config", "--backup-every", "weekly", "--data", data);
            assertThat(bad.code()).isEqualTo(1);
            assertThat(bad.err()).contains("backup_every is a duration like 30m, 6h or 1d");
            assertThat(fazt("server", "status", "--data", data).out()).contains("backups  off");

            CliTest.Run set = fazt("server", "set-config", "--backup-dir", notAFolder.resolve("b").toString(), "--backup-every", "6h",
                    "--backup-keep", "3", "--data", data);
            assertThat(set.code()).as(set.err()).isZero();
            assertThat(set.out()).contains("backup_every = 6h", "backup_keep = 3", "backup_dir = " + notAFolder.resolve("b"));
            assertThat(fazt("server", "status", "--data", data).out()).contains("backups  every 6h to " + notAFolder.resolve("b"),
                    "keeping 3; none made since start; next ");

            t.fazt.scheduledBackups().runIfDue(); // what the timer does once a minute
            CliTest.Run status = fazt("server", "status", "--data", data);
            assertThat(status.out()).contains("LAST FAILED", "cannot write a backup to " + notAFolder.resolve("b"));
            assertThat(fazt("server", "status", "--json", "--data", data).json().at("/health/backups/last/error").asText())
                    .startsWith("cannot write a backup to");

            Path good = dir.resolve("backups");
            assertThat(fazt("server", "set-config", "--backup-dir", good.toString(), "--data", data).code()).isZero();
            assertThat(t.fazt.scheduledBackups().runIfDue()).as("the next try waits the period, as after a backup").isEmpty();
        }
    }
}
