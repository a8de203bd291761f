package fazt.server.cli;

import static fazt.server.cli.CliTest.fazt;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.backup.BackupFolder;
import fazt.core.backup.BackupStatus;
import fazt.core.db.DataFileQueries;
import fazt.core.identity.Scope;
import fazt.server.TestInstance;
import fazt.server.admin.StorageApiTestShop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restore drill: apps deployed and data written, backed up each way (the one-off download,
 * a scheduled backup, the copy a linked peer keeps), the instance's folder wiped, then each backup
 * restored with {@code fazt restore} and served again: every app's bytes and every stored row as before.
 */
class RestoreDrillTest {
    /** The tables that hold apps and their data (analytics, sessions and settings change by serving). */
    private static final List<String> TABLES = List.of("apps", "versions", "version_files", "aliases", "blobs", "kv", "docs",
            "app_blobs", "env_vars");
    /** What is fetched from each app after a restore: host and path. */
    private static final List<List<String>> SERVED = List.of(List.of("site.localhost", "/"), List.of("site.localhost", "/style.css"),
            List.of("site.localhost", "/logo.bin"), List.of("shop.localhost", "/"), List.of("shop.localhost", "/api?do=read"));

    @TempDir
    Path dir;

    @Test
    void everyBackupRestoresEveryAppAndEveryRow() throws Exception {
        Path home = dir.resolve("home");
        Path download = dir.resolve("download.db");
        Path scheduled;
        Path keptByPeer;
        Map<String, byte[]> servedBefore;
        Map<String, List<String>> rowsBefore;
        try (TestInstance peer = new TestInstance(); TestInstance a = new TestInstance(home, Map.of())) {
            a.fazt.peerLinking().addWithToken("vault", "http://127.0.0.1:" + peer.port(), peer.fazt.apiKeys().create("home", Scope.ADMIN).token());
            byte[] logo = new byte[70_000];
            new java.util.Random(7).nextBytes(logo);
            Map<String, Object> site = new LinkedHashMap<>();
            site.put("index.html", "<h1>site</h1>");
            site.put("style.css", "h1{color:teal}");
            site.put("logo.bin", logo);
            assertThat(a.deploy("site", TestInstance.zip(site)).statusCode()).isEqualTo(200);
            assertThat(a.deploy("shop", TestInstance.zip(Map.of("index.html", "shop", "api/main.js", StorageApiTestShop.SHOP))).statusCode())
                    .isEqualTo(200);
            assertThat(a.get("shop.localhost", "/api?do=seed").statusCode()).isEqualTo(200);
            assertThat(fazt("app", "env", "set", "shop", "GREETING", "hello", "--data", home.toString()).code()).isZero();
            servedBefore = served(a);
            rowsBefore = rows(a.fazt.dataFile());
            assertThat(rowsBefore.get("kv")).hasSize(4);
            assertThat(rowsBefore.get("app_blobs")).hasSize(2);

            var got = a.api("GET", "/api/system/backup", a.adminToken(), null, null);
            assertThat(got.statusCode()).isEqualTo(200);
            Files.write(download, got.body());

            a.fazt.config().storeAll(Map.of("backup_dir", dir.resolve("scheduled").toString(), "backup_every", "6h",
                    "backup_keep", "3", "backup_to_peer", "vault"));
            BackupStatus.Run run = a.fazt.scheduledBackups().runIfDue().orElseThrow();
            assertThat(run.error()).isNull();
            scheduled = Path.of(run.file());
            List<Path> atPeer = new BackupFolder(peer.fazt.peerBackups().folderOf(a.fazt.baseDomains().get(0))).backups();
            assertThat(atPeer).hasSize(1);
            assertThat(atPeer.get(0).getParent().getParent()).isEqualTo(peer.dir.resolve("peer-backups"));
            keptByPeer = Files.copy(atPeer.get(0), dir.resolve("from-peer.db"));
        }

        for (Path backup : List.of(download, scheduled, keptByPeer)) {
            wipe(home);
            CliTest.Run restored = fazt("restore", backup.toString(), "--data", home.resolve("data.db").toString());
            assertThat(restored.code()).as(restored.err()).isZero();
            assertThat(restored.out()).contains("there was no data.db before");
            try (TestInstance again = new TestInstance(home, Map.of())) {
                Map<String, byte[]> servedAfter = served(again);
                for (String what : servedBefore.keySet()) {
                    assertThat(servedAfter.get(what)).as(what + " restored from " + backup.getFileName()).isEqualTo(servedBefore.get(what));
                }
                assertThat(rows(again.fazt.dataFile())).as("rows restored from " + backup.getFileName()).isEqualTo(rowsBefore);
            }
        }
    }

    private static Map<String, byte[]> served(TestInstance t) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (List<String> hostAndPath : SERVED) {
            var r = t.get(hostAndPath.get(0), hostAndPath.get(1));
            assertThat(r.statusCode()).as(hostAndPath.toString()).isEqualTo(200);
            out.put(hostAndPath.get(0) + hostAndPath.get(1), r.body());
        }
        return out;
    }

    /** Every row of each table, as text (blobs in hex), in a stable order. */
    private static Map<String, List<String>> rows(Path dataFile) {
        DataFileQueries db = DataFileQueries.readOnly(dataFile);
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (String table : TABLES) {
            List<String> texts = new ArrayList<>();
            for (DataFileQueries.Row row : db.rows("SELECT * FROM " + table)) {
                texts.add(row.names() + "=" + row.values().stream()
                        .map(v -> v instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(v)).toList());
            }
            texts.sort(null);
            all.put(table, texts);
        }
        return all;
    }

    private static void wipe(Path folder) throws IOException {
        if (!Files.exists(folder)) return;
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
        assertThat(folder).doesNotExist();
        assertThat(Arrays.asList(folder.getParent().toFile().list())).doesNotContain(folder.getFileName().toString());
    }
}
