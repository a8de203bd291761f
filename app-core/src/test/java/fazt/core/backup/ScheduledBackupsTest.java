package fazt.core.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import fazt.core.Fazt;
import fazt.core.storage.MovableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups on a schedule, with the clock moved by the test: when they are due, what is kept, and what status says. */
class ScheduledBackupsTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();

    @TempDir
    Path dir;
    private Fazt fazt;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T06:00:00Z").toEpochMilli());
    private final List<String> sentToPeer = new ArrayList<>();

    @BeforeEach
    void open() {
        fazt = Fazt.open(dir.resolve("data/data.db"), Map.of(), Map.of());
    }

    @AfterEach
    void close() {
        fazt.close();
    }

    private ScheduledBackups schedule(ScheduledBackups.PeerSender toPeer) {
        return new ScheduledBackups(fazt.database(), fazt.config(), toPeer, clock);
    }

    @Test
    void aBackupIsMadeWhenDueThenEveryPeriodAndOnlyTheNewestAreKept() throws Exception {
        Path backups = dir.resolve("backups");
        fazt.config().storeAll(Map.of("backup_dir", backups.toString(), "backup_every", "6h", "backup_keep", "2"));
        ScheduledBackups schedule = schedule((peer, copy, keep) -> sentToPeer.add(peer));
        fazt.kv().set("app1", "note", TextNode.valueOf("first"), null);

        BackupStatus.Run first = schedule.runIfDue().orElseThrow();
        assertThat(first.error()).isNull();
        Path firstFile = Path.of(first.file());
        assertThat(firstFile.getFileName().toString()).isEqualTo("fazt-backup-20261203T060000Z.db");
        assertThat(DataFileCheck.check(firstFile).bytes()).isEqualTo(first.bytes()); // integrity_check ok, a fazt data.db
        assertThat(schedule.runIfDue()).isEmpty();
        clock.advance(5 * HOUR);
        assertThat(schedule.runIfDue()).as("not due before 6 h").isEmpty();
        clock.advance(HOUR);
        assertThat(schedule.runIfDue()).isPresent();
        clock.advance(6 * HOUR);
        assertThat(schedule.runIfDue()).isPresent();
        clock.advance(6 * HOUR);
        fazt.kv().set("app1", "note", TextNode.valueOf("last"), null);
        BackupStatus.Run last = schedule.runIfDue().orElseThrow();

        assertThat(new BackupFolder(backups).backups()).extracting(p -> p.getFileName().toString())
                .containsExactly("fazt-backup-20261203T180000Z.db", "fazt-backup-20261204T000000Z.db");
        assertThat(sentToPeer).isEmpty();
        try (Fazt copy = Fazt.open(Path.of(last.file()), Map.of(), Map.of())) {
            assertThat(copy.kv().get("app1", "note")).hasValue(TextNode.valueOf("last"));
        }
        BackupStatus status = schedule.status();
        assertThat(status.every()).isEqualTo("6h");
        assertThat(status.keep()).isEqualTo(2);
        assertThat(status.last()).isEqualTo(last);
        assertThat(status.failing()).isFalse();
        assertThat(status.nextAt()).isEqualTo(Instant.parse("2026-12-04T06:00:00Z").toEpochMilli());
    }

    @Test
    void aRestartGoesOnFromTheNewestBackupInTheFolder() {
        fazt.config().storeAll(Map.of("backup_dir", dir.resolve("backups").toString(), "backup_every", "1d"));
        assertThat(schedule((p, c, k) -> { }).runIfDue()).isPresent();
        clock.advance(2 * HOUR);
        ScheduledBackups afterRestart = schedule((p, c, k) -> { });
        assertThat(afterRestart.runIfDue()).isEmpty();
        assertThat(afterRestart.status().last()).as("none made by this process yet").isNull();
        clock.advance(22 * HOUR);
        assertThat(afterRestart.runIfDue()).isPresent();
    }

    @Test
    void aFolderThatCannotBeWrittenShowsInStatusAndInHealth() throws Exception {
        Path aFile = Files.writeString(dir.resolve("a-file"), "not a folder");
        fazt.config().storeAll(Map.of("backup_dir", aFile.resolve("backups").toString(), "backup_every", "30m"));
        ScheduledBackups schedule = schedule((p, c, k) -> { });
        BackupStatus.Run failed = schedule.runIfDue().orElseThrow();
        assertThat(failed.file()).isNull();
        assertThat(failed.error()).startsWith("cannot write a backup to " + aFile.resolve("backups"));
        assertThat(schedule.status().failing()).isTrue();
        assertThat(schedule.runIfDue()).as("tried again only after the period").isEmpty();

        // the engine's own schedule reports the same way, through health (status, dashboard, desktop)
        assertThat(fazt.scheduledBackups().runIfDue()).isPresent();
        assertThat(fazt.health().backups().last().error()).contains("cannot write a backup to");
    }

    @Test
    void aCopyThatCannotReachThePeerStaysAndTheFailureIsShown() {
        fazt.config().storeAll(Map.of("backup_dir", dir.resolve("backups").toString(), "backup_every", "1h", "backup_to_peer", "far"));
        BackupStatus.Run run = schedule((peer, copy, keep) -> {
            throw new IllegalStateException("cannot reach " + peer);
        }).runIfDue().orElseThrow();
        assertThat(Path.of(run.file())).exists();
        assertThat(run.error()).contains("the backup is in " + run.file(), "sending it to peer far failed: cannot reach far");
    }

    @Test
    void offOrNoFolderMakesNone() {
        ScheduledBackups schedule = schedule((p, c, k) -> { });
        assertThat(schedule.runIfDue()).isEmpty();
        assertThat(schedule.status().every()).isEqualTo("off");
        fazt.config().storeAll(Map.of("backup_dir", dir.resolve("b").toString(), "backup_every", "0"));
        assertThat(schedule.runIfDue()).isEmpty();
        assertThat(schedule.status().nextAt()).isNull();
    }

    @Test
    void theSettingsAreChecked() {
        assertThat(ScheduledBackups.every("30m")).contains(Duration.ofMinutes(30));
        assertThat(ScheduledBackups.every("6h")).contains(Duration.ofHours(6));
        assertThat(ScheduledBackups.every("1d")).contains(Duration.ofDays(1));
        assertThat(ScheduledBackups.every("off")).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> fazt.config().store("backup_every", "weekly")).hasMessageContaining("like 30m, 6h or 1d");
        assertThatThrownBy(() -> fazt.config().store("backup_every", "0h")).hasMessageContaining("from 1m to 366d");
        assertThatThrownBy(() -> fazt.config().store("backup_dir", "relative/dir")).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> fazt.config().store("backup_keep", "0")).hasMessageContaining("backup_keep must be from 1");
    }
}
