package fazt.core.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.Fazt;
import fazt.core.storage.MovableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a peer keeps of the backups sent to it: sound fazt files, beside its data.db, as many as asked. */
class PeerBackupsTest {
    @TempDir
    Path dir;

    @Test
    void copiesAreCheckedKeptPerSenderBesideDataDbAndPruned() throws Exception {
        Path copy = dir.resolve("copy.db");
        try (Fazt sender = Fazt.open(dir.resolve("sender/data.db"), Map.of(), Map.of())) {
            sender.database().backupTo(copy);
        }
        byte[] bytes = Files.readAllBytes(copy);
        MovableClock clock = new MovableClock(Instant.parse("2026-12-03T06:00:00Z").toEpochMilli());
        PeerBackups kept = new PeerBackups(dir.resolve("receiver/data.db"), clock);
        for (int i = 0; i < 3; i++) {
            kept.store("laptop.example", bytes, 2);
            clock.advance(60_000);
        }
        Path folder = dir.resolve("receiver/peer-backups/laptop.example");
        assertThat(kept.folderOf("Laptop.Example")).isEqualTo(folder);
        assertThat(new BackupFolder(folder).backups()).extracting(p -> p.getFileName().toString())
                .containsExactly("fazt-backup-20261203T060100Z.db", "fazt-backup-20261203T060200Z.db");
        try (var files = Files.list(folder)) {
            assertThat(files.count()).as("no -shm, -wal or .part left").isEqualTo(2);
        }

        assertThatThrownBy(() -> kept.store("laptop", "just text".getBytes(), 2)).hasMessageContaining("not a SQLite file");
        byte[] damaged = bytes.clone();
        java.util.Arrays.fill(damaged, 8192, damaged.length, (byte) 0x5a);
        assertThatThrownBy(() -> kept.store("laptop", damaged, 2)).hasMessageContaining("is damaged");
        assertThat(dir.resolve("receiver/peer-backups/laptop")).isEmptyDirectory();
        assertThatThrownBy(() -> kept.store("../up", bytes, 2)).hasMessageContaining("like a host name");
        assertThatThrownBy(() -> kept.store("laptop", bytes, 0)).hasMessageContaining("keep must be from 1 to 1000");
    }
}
