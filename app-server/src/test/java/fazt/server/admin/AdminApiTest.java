package fazt.server.admin;

import static fazt.server.TestInstance.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.db.DataFileQueries;
import fazt.core.identity.Scope;
import fazt.server.TestInstance;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin API of SPEC §8 (this part) over real HTTP. */
class AdminApiTest {
    final TestInstance t = new TestInstance();

    @AfterEach
    void stop() {
        t.close();
    }

    String key(Scope scope) {
        return t.fazt.apiKeys().create("test " + scope.id(), scope).token();
    }

    static byte[] multipart(String boundary, Map<String, String> fields, byte[] zip) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((k, v) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"site.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(zip);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void multipartDeployAnswersTheSpecShape() {
        byte[] zip = TestInstance.zip(Map.of("index.html", "<h1>hi</h1>", "app.js", "x"));
        byte[] body = multipart("XyZ", Map.of("site_name", "blog", "spa", "true"), zip);
        HttpResponse<byte[]> r = t.api("POST", "/api/deploy", key(Scope.DEPLOY), body, "multipart/form-data; boundary=XyZ");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode data = json(r).get("data");
        assertThat(data.get("app").asText()).isEqualTo("blog");
        assertThat(data.get("id").asText()).startsWith("app_");
        assertThat(data.get("version").asInt()).isEqualTo(1);
        assertThat(data.get("file_count").asInt()).isEqualTo(2);
        assertThat(data.get("size_bytes").asLong()).isEqualTo(12);
        assertThat(t.fazt.apps().get("blog").spa()).isTrue();
        assertThat(t.get("blog.localhost", "/some/route").statusCode()).isEqualTo(200);
    }

    @Test
    void appsVersionsFilesRollbackAndDelete() {
        String admin = key(Scope.ADMIN);
        t.deploy("site", TestInstance.zip(Map.of("index.html", "one")));
        t.deploy("site", TestInstance.zip(Map.of("index.html", "two", "extra.txt", "e")));
        JsonNode apps = json(t.api("GET", "/api/apps", admin, null, null)).get("data");
        assertThat(apps.findValuesAsText("name")).contains("site", "root");
        JsonNode app = json(t.api("GET", "/api/apps/site", admin, null, null)).get("data");
        assertThat(app.get("active_version").asInt()).isEqualTo(2);
        assertThat(app.get("aliases").get(0).asText()).isEqualTo("site");
        String id = app.get("id").asText();
        assertThat(json(t.api("GET", "/api/apps/" + id, admin, null, null)).get("data").get("name").asText()).isEqualTo("site");
        JsonNode versions = json(t.api("GET", "/api/apps/site/versions", admin, null, null)).get("data");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("active").asBoolean()).isTrue();
        JsonNode files = json(t.api("GET", "/api/apps/site/files", admin, null, null)).get("data");
        assertThat(files.findValuesAsText("path")).containsExactly("extra.txt", "index.html");
        assertThat(files.get(1).get("hash").asText()).hasSize(64);

        HttpResponse<byte[]> back = t.api("POST", "/api/apps/site/rollback", admin, "{}".getBytes(), "application/json");
        assertThat(json(back).get("data").get("version").asInt()).isEqualTo(1);
        assertThat(new String(t.get("site.localhost", "/").body())).isEqualTo("one");
        t.api("POST", "/api/apps/site/rollback", admin, "{\"version\":2}".getBytes(), "application/json");
        assertThat(new String(t.get("site.localhost", "/").body())).isEqualTo("two");
        HttpResponse<byte[]> bad = t.api("POST", "/api/apps/site/rollback", admin, "{\"version\":\"x\"}".getBytes(), "application/json");
        assertThat(bad.statusCode()).isEqualTo(400);
        HttpResponse<byte[]> missing = t.api("POST", "/api/apps/site/rollback", admin, "{\"version\":77}".getBytes(), "application/json");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("error").get("code").asText()).isEqualTo("NOT_FOUND");

        assertThat(t.api("DELETE", "/api/apps/site", admin, null, null).statusCode()).isEqualTo(200);
        assertThat(t.api("GET", "/api/apps/site", admin, null, null).statusCode()).isEqualTo(404);
        assertThat(t.get("site.localhost", "/").statusCode()).isEqualTo(404);
    }

    @Test
    void aliasesCrud() {
        String admin = key(Scope.ADMIN);
        t.deploy("one", TestInstance.zip(Map.of("index.html", "ONE")));
        t.deploy("two", TestInstance.zip(Map.of("index.html", "TWO")));
        HttpResponse<byte[]> created = t.api("POST", "/api/aliases", admin,
                "{\"subdomain\":\"blue\",\"type\":\"app\",\"target\":\"one\"}".getBytes(), "application/json");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(new String(t.get("blue.localhost", "/").body())).isEqualTo("ONE");
        t.api("PUT", "/api/aliases/blue", admin, "{\"type\":\"app\",\"target\":\"two\"}".getBytes(), "application/json");
        assertThat(new String(t.get("blue.localhost", "/").body())).isEqualTo("TWO");
        t.api("POST", "/api/aliases/swap", admin, "{\"a\":\"one\",\"b\":\"two\"}".getBytes(), "application/json");
        assertThat(new String(t.get("one.localhost", "/").body())).isEqualTo("TWO");
        assertThat(new String(t.get("two.localhost", "/").body())).isEqualTo("ONE");
        t.api("PUT", "/api/aliases/go", admin, "{\"type\":\"redirect\",\"target\":\"https://example.org/x\"}".getBytes(), "application/json");
        HttpResponse<byte[]> redirect = t.get("go.localhost", "/");
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("location")).hasValue("https://example.org/x");
        t.api("PUT", "/api/aliases/hold", admin, "{\"type\":\"reserved\"}".getBytes(), "application/json");
        assertThat(t.get("hold.localhost", "/").statusCode()).isEqualTo(404);
        assertThat(json(t.api("GET", "/api/aliases/hold", admin, null, null)).get("data").get("type").asText()).isEqualTo("reserved");
        assertThat(json(t.api("GET", "/api/aliases", admin, null, null)).get("data").findValuesAsText("subdomain"))
                .contains("blue", "go", "hold", "one", "two");
        assertThat(t.api("DELETE", "/api/aliases/blue", admin, null, null).statusCode()).isEqualTo(200);
        assertThat(t.get("blue.localhost", "/").statusCode()).isEqualTo(404);
        assertThat(t.api("DELETE", "/api/aliases/blue", admin, null, null).statusCode()).isEqualTo(404);
        HttpResponse<byte[]> reserved = t.api("PUT", "/api/aliases/admin", admin, "{\"type\":\"reserved\"}".getBytes(), "application/json");
        assertThat(reserved.statusCode()).isEqualTo(400);
        assertThat(json(reserved).get("error").get("code").asText()).isEqualTo("RESERVED_NAME");
    }

    @Test
    void tokensAreCheckedAndScopesEnforced() {
        byte[] zip = TestInstance.zip(Map.of("index.html", "x"));
        HttpResponse<byte[]> none = t.api("GET", "/api/apps", null, null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none).get("error").get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(none.headers().firstValue("www-authenticate")).hasValue("Bearer");
        assertThat(t.api("GET", "/api/apps", "fzt_" + "0".repeat(64), null, null).statusCode()).isEqualTo(401);
        assertThat(t.api("GET", "/api/apps", "garbage", null, null).statusCode()).isEqualTo(401);
        assertThat(t.send(t.request("localhost", "/api/apps").header("Authorization", "Basic abc").build()).statusCode()).isEqualTo(401);

        String read = key(Scope.READ);
        assertThat(t.api("GET", "/api/apps", read, null, null).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> denied = t.api("POST", "/api/deploy?name=x", read, zip, "application/zip");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(json(denied).get("error").get("message").asText()).contains("needs deploy");
        assertThat(t.fazt.apps().find("x")).isEmpty();

        String deploy = key(Scope.DEPLOY);
        assertThat(t.api("POST", "/api/deploy?name=x", deploy, zip, "application/zip").statusCode()).isEqualTo(200);
        assertThat(t.api("DELETE", "/api/apps/x", deploy, null, null).statusCode()).isEqualTo(403);
        assertThat(t.api("GET", "/api/keys", deploy, null, null).statusCode()).isEqualTo(403);
        assertThat(t.fazt.apps().find("x")).isPresent();
    }

    @Test
    void keysAreShownOnceStoredHashedAndDeletable() throws Exception {
        String admin = key(Scope.ADMIN);
        HttpResponse<byte[]> created = t.api("POST", "/api/keys", admin, "{\"name\":\"ci\",\"scope\":\"deploy\"}".getBytes(), "application/json");
        assertThat(created.statusCode()).isEqualTo(201);
        String token = json(created).get("data").get("token").asText();
        String id = json(created).get("data").get("key").get("id").asText();
        assertThat(token).startsWith("fzt_").hasSize(68);
        assertThat(t.api("GET", "/api/apps", token, null, null).statusCode()).isEqualTo(200);
        JsonNode list = json(t.api("GET", "/api/keys", admin, null, null)).get("data");
        assertThat(list.toString()).doesNotContain(token);
        assertThat(list.findValuesAsText("name")).contains("ci");
        var keys = DataFileQueries.readOnly(t.dir.resolve("data.db")).rows("SELECT token_hash, last_used_at FROM api_keys WHERE name = 'ci'");
        assertThat(keys).isNotEmpty();
        assertThat(keys.get(0).text(1)).hasSize(64).isNotEqualTo(token);
        assertThat(keys.get(0).number(2)).isPositive();
        assertThat(t.api("DELETE", "/api/keys/" + id, admin, null, null).statusCode()).isEqualTo(200);
        assertThat(t.api("GET", "/api/apps", token, null, null).statusCode()).isEqualTo(401);
        assertThat(t.api("POST", "/api/keys", admin, "{\"name\":\"x\",\"scope\":\"root\"}".getBytes(), "application/json").statusCode())
                .isEqualTo(400);
    }

    @Test
    void healthConfigAndBackup() throws Exception {
        String admin = key(Scope.ADMIN);
        JsonNode health = json(t.api("GET", "/api/system/health", admin, null, null)).get("data");
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("data_path").asText()).endsWith("data.db");
        assertThat(health.get("base_domains").toString()).contains("localhost");
        assertThat(health.get("memory").get("heap_used_bytes").asLong()).isPositive();
        assertThat(health.has("uptime_seconds") && health.has("version") && health.has("js_engine") && health.has("apps")).isTrue();

        HttpResponse<byte[]> set = t.api("PUT", "/api/system/config", admin, "{\"versions_kept\":\"3\"}".getBytes(), "application/json");
        assertThat(json(set).get("data").get("versions_kept").asText()).isEqualTo("3");
        assertThat(t.api("PUT", "/api/system/config", admin, "{\"nope\":1}".getBytes(), "application/json").statusCode()).isEqualTo(400);
        for (int i = 0; i < 5; i++) t.deploy("kept", TestInstance.zip(Map.of("index.html", "v" + i)));
        assertThat(t.fazt.apps().versions("kept")).hasSize(3);

        HttpResponse<byte[]> backup = t.api("GET", "/api/system/backup", admin, null, null);
        assertThat(backup.statusCode()).isEqualTo(200);
        Path copy = t.dir.resolve("copy.db");
        Files.write(copy, backup.body());
        assertThat(DataFileQueries.readOnly(copy).number("SELECT COUNT(*) FROM versions WHERE app_id IN (SELECT id FROM apps WHERE name = 'kept')"))
                .isEqualTo(3);
    }

    @Test
    void unknownRoutesAndMethodsAnswerInTheEnvelope() {
        String admin = key(Scope.ADMIN);
        HttpResponse<byte[]> unknown = t.api("GET", "/api/nothing", admin, null, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").get("code").asText()).isEqualTo("NOT_FOUND");
        HttpResponse<byte[]> wrongMethod = t.api("PATCH", "/api/apps", admin, null, null);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        HttpResponse<byte[]> notJson = t.api("POST", "/api/aliases", admin, "{oops".getBytes(), "application/json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).get("error").get("message").asText()).contains("not valid JSON");
        HttpResponse<byte[]> tooBig = t.api("POST", "/api/aliases", admin, new byte[2 * 1024 * 1024], "application/json");
        assertThat(tooBig.statusCode()).isEqualTo(413);
    }

    @Test
    void aLargeAnswerIsGzippedForAClientThatTakesGzipAndPlainForOneThatDoesNot() throws Exception {
        for (int i = 0; i < 40; i++) t.deploy("site-" + i, TestInstance.zip(Map.of("index.html", "x")));
        HttpResponse<byte[]> plain = t.api("GET", "/api/apps", t.adminToken(), null, null);
        assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
        assertThat(json(plain).path("data").size()).isEqualTo(41);

        HttpResponse<byte[]> zipped = t.send(t.request("localhost", "/api/apps")
                .header("Authorization", "Bearer " + t.adminToken()).header("Accept-Encoding", "br, gzip;q=0.8").GET().build());
        assertThat(zipped.headers().firstValue("content-encoding")).hasValue("gzip");
        assertThat(zipped.headers().firstValue("vary")).hasValue("Accept-Encoding");
        byte[] unzipped = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body())).readAllBytes();
        assertThat(unzipped).isEqualTo(plain.body());
        assertThat(zipped.body().length).isLessThan(plain.body().length / 3);

        HttpResponse<byte[]> refused = t.send(t.request("localhost", "/api/apps")
                .header("Authorization", "Bearer " + t.adminToken()).header("Accept-Encoding", "gzip;q=0").GET().build());
        assertThat(refused.headers().firstValue("content-encoding")).isEmpty();
        HttpResponse<byte[]> small = t.send(t.request("localhost", "/api/system/health")
                .header("Authorization", "Bearer " + t.adminToken()).header("Accept-Encoding", "gzip").GET().build());
        assertThat(small.headers().firstValue("content-encoding")).as("too small to gain").isEmpty();
    }
}
