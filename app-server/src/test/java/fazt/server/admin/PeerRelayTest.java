package fazt.server.admin;

import static fazt.server.TestInstance.json;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.db.DataFileQueries;
import fazt.core.identity.Scope;
import fazt.core.logs.LogLine;
import fazt.server.TestInstance;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The admin API of one instance (A) passing requests marked {@code X-Fazt-Peer: b} to its linked
 * peer B: what the web dashboard does when it manages a peer. Two real instances on loopback.
 */
class PeerRelayTest {
    final TestInstance a = new TestInstance();
    final TestInstance b = new TestInstance();

    PeerRelayTest() {
        a.fazt.peerLinking().link("b", "http://127.0.0.1:" + b.port(), b.fazt.pairing().mint().code());
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    HttpResponse<byte[]> onB(String method, String path, String token, byte[] body, String contentType) {
        HttpRequest.Builder r = a.request("localhost", path).header(RelayToPeer.HEADER, "b")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) r.header("Authorization", "Bearer " + token);
        if (contentType != null) r.header("Content-Type", contentType);
        return a.send(r.build());
    }

    @Test
    void deployListAndDeleteThroughTheRelayActOnThePeerOnly() {
        byte[] zip = TestInstance.zip(Map.of("index.html", "<h1>on b</h1>"));
        HttpResponse<byte[]> deployed = onB("POST", "/api/deploy?name=relayed", a.adminToken(), zip, "application/zip");
        assertThat(deployed.statusCode()).as(new String(deployed.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(new String(b.get("relayed.localhost", "/").body(), StandardCharsets.UTF_8)).isEqualTo("<h1>on b</h1>");
        assertThat(a.fazt.apps().idForName("relayed")).as("nothing landed on A").isEmpty();
        assertThat(json(onB("GET", "/api/apps", a.adminToken(), null, null)).get("data").findValuesAsText("name")).contains("relayed");
        assertThat(json(a.api("GET", "/api/apps", a.adminToken(), null, null)).get("data").findValuesAsText("name"))
                .doesNotContain("relayed");
        assertThat(onB("DELETE", "/api/apps/relayed", a.adminToken(), null, null).statusCode()).isEqualTo(200);
        assertThat(b.fazt.apps().idForName("relayed")).isEmpty();
    }

    @Test
    void aPeersDownloadOfAppDataKeepsItsSandbox() {
        b.deploy("shop", TestInstance.zip(Map.of("index.html", "x",
                "api/main.js", "fazt.storage.s3.put('logo.svg', '<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>', 'image/svg+xml'); 'ok'")));
        assertThat(b.get("shop.localhost", "/api").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> svg = onB("GET", "/api/apps/shop/blobs/entry?path=logo.svg", a.adminToken(), null, null);
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.headers().firstValue("content-security-policy")).hasValueSatisfying(v -> assertThat(v).contains("sandbox"));
        assertThat(svg.headers().firstValue("content-disposition")).hasValueSatisfying(v -> assertThat(v).contains("attachment"));
    }

    @Test
    void thePeersKeyNeverReachesTheCaller() {
        String keyOfB = DataFileQueries.of(a.fazt.database()).text("SELECT token FROM peers WHERE name = ?", "b");
        HttpResponse<byte[]> health = onB("GET", "/api/system/health", a.adminToken(), null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("data").get("data_path").asText()).isEqualTo(b.fazt.dataFile().toString());
        assertThat(new String(health.body(), StandardCharsets.UTF_8)).doesNotContain(keyOfB).doesNotContain(keyOfB.substring(4, 20));
        assertThat(health.headers().map().toString()).doesNotContain(keyOfB.substring(4, 20));
        assertThat(health.headers().firstValue("cache-control")).hasValue("no-store");
    }

    @Test
    void onlyAnAdminMayManageAPeerAndOpenRoutesStayHere() {
        String readKey = a.fazt.apiKeys().create("reader", Scope.READ).token();
        HttpResponse<byte[]> read = onB("GET", "/api/apps", readKey, null, null);
        assertThat(read.statusCode()).isEqualTo(403);
        assertThat(json(read).get("error").get("message").asText()).contains("managing a linked peer needs an admin key");
        assertThat(onB("GET", "/api/apps", null, null, null).statusCode()).isEqualTo(401);
        HttpResponse<byte[]> login = onB("POST", "/api/login", null, "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(login.statusCode()).isEqualTo(400);
        assertThat(json(login).get("error").get("message").asText()).contains("answered by this instance itself");
        assertThat(onB("GET", "/api/nothing-here", a.adminToken(), null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownOfflineOrUnlinkedPeerIsNamedInWords() {
        HttpRequest unknown = a.request("localhost", "/api/apps").header(RelayToPeer.HEADER, "nobody")
                .header("Authorization", "Bearer " + a.adminToken()).GET().build();
        HttpResponse<byte[]> none = a.send(unknown);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(json(none).get("error").get("message").asText()).contains("nobody");

        String keyId = b.fazt.apiKeys().list().stream().filter(k -> k.name().startsWith("peer ")).findFirst().orElseThrow().id();
        b.fazt.apiKeys().delete(keyId);
        HttpResponse<byte[]> revoked = onB("GET", "/api/apps", a.adminToken(), null, null);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(json(revoked).get("error").get("message").asText()).contains("link it again");

        b.close();
        HttpResponse<byte[]> offline = onB("GET", "/api/apps", a.adminToken(), null, null);
        assertThat(offline.statusCode()).isEqualTo(503);
        assertThat(json(offline).get("error").get("code").asText()).isEqualTo("PEER_OFFLINE");
    }

    @Test
    void theLogStreamAndTheBackupPassThroughWhole() throws Exception {
        b.deploy("talk", TestInstance.zip(Map.of("index.html", "x", "api/main.js", "console.log('said on b', request.query.n); 'ok'")));
        try (LogsApiTest.Sse sse = LogsApiTest.Sse.open(a, "/api/logs/stream?app=talk", a.adminToken(),
                Map.of(RelayToPeer.HEADER, "b", "Accept", "text/event-stream"))) {
            assertThat(sse.response().statusCode()).isEqualTo(200);
            assertThat(b.get("talk.localhost", "/api?n=7").statusCode()).isEqualTo(200);
            LogLine line = sse.next();
            assertThat(line.message()).isEqualTo("said on b 7");
        }
        HttpResponse<byte[]> backup = onB("GET", "/api/system/backup", a.adminToken(), null, null);
        assertThat(backup.statusCode()).isEqualTo(200);
        assertThat(backup.headers().firstValue("content-disposition")).hasValueSatisfying(v -> assertThat(v).contains("attachment"));
        assertThat(Arrays.copyOf(backup.body(), 16)).isEqualTo("SQLite format 3\0".getBytes(StandardCharsets.US_ASCII));
    }
}
