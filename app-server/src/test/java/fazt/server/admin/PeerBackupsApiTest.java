package fazt.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.identity.Scope;
import fazt.server.TestInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/system/peer-backups}: an admin's upload, within the upload limit, kept beside data.db. */
class PeerBackupsApiTest {
    @TempDir
    Path dir;

    @Test
    void onlyAnAdminKeyMayStoreACopyAndTheUploadLimitHolds() throws Exception {
        Path copy = dir.resolve("copy.db");
        try (TestInstance sender = new TestInstance()) {
            sender.fazt.database().backupTo(copy);
        }
        byte[] body = Files.readAllBytes(copy);
        try (TestInstance t = new TestInstance(Map.of("max_upload_bytes", String.valueOf(body.length)))) {
            String path = "/api/system/peer-backups?from=laptop&keep=2";
            String reader = t.fazt.apiKeys().create("reader", Scope.READ).token();
            assertThat(t.api("POST", path, null, body, "application/vnd.sqlite3").statusCode()).isEqualTo(401);
            assertThat(t.api("POST", path, reader, body, "application/vnd.sqlite3").statusCode()).isEqualTo(403);
            assertThat(t.api("POST", "/api/system/peer-backups?keep=2", t.adminToken(), body, null).statusCode()).isEqualTo(400);
            byte[] tooBig = java.util.Arrays.copyOf(body, body.length + 1);
            assertThat(t.api("POST", path, t.adminToken(), tooBig, null).statusCode()).isEqualTo(413);

            var kept = t.api("POST", path, t.adminToken(), body, "application/vnd.sqlite3");
            assertThat(kept.statusCode()).isEqualTo(200);
            assertThat(TestInstance.json(kept).at("/data/file").asText()).startsWith(t.dir.resolve("peer-backups/laptop/fazt-backup-").toString());
            assertThat(TestInstance.json(kept).at("/data/kept").asInt()).isEqualTo(1);
        }
    }
}
