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
            assertThat(upload(t, path, null, body, "application/vnd.sqlite3").statusCode()).isEqualTo(401);
            assertThat(upload(t, path, reader, body, "application/vnd.sqlite3").statusCode()).isEqualTo(403);
            assertThat(upload(t, "/api/system/peer-backups?keep=2", t.adminToken(), body, null).statusCode()).isEqualTo(400);
            byte[] tooBig = java.util.Arrays.copyOf(body, body.length + 1);
            assertThat(upload(t, path, t.adminToken(), tooBig, null).statusCode()).isEqualTo(413);

            var kept = upload(t, path, t.adminToken(), body, "application/vnd.sqlite3");
            assertThat(kept.statusCode()).isEqualTo(200);
            assertThat(TestInstance.json(kept).at("/data/file").asText()).startsWith(t.dir.resolve("peer-backups/laptop/fazt-backup-").toString());
            assertThat(TestInstance.json(kept).at("/data/kept").asInt()).isEqualTo(1);
        }
    }

    /**
     * A POST of a whole data.db that asks before sending it ({@code Expect: 100-continue}, as curl
     * does for large uploads), so a refusal (401, 403, 400, 413) is read before the body is sent:
     * without it, a refusal answered before the body arrives can be lost to the reset of a socket
     * closed with unread bytes.
     */
    private static java.net.http.HttpResponse<byte[]> upload(TestInstance t, String path, String token, byte[] body, String contentType) {
        var b = t.request("localhost", path).expectContinue(true).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (contentType != null) b.header("Content-Type", contentType);
        return t.send(b.build());
    }
}
