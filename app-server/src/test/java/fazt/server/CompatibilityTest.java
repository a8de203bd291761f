package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Json;
import fazt.core.apps.FolderZip;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compatibility suite: one small app per documented call of the reference's serverless API,
 * written in its ES5 style (test resources under {@code compat/}), plus one modern app. Each is
 * deployed to a real server and called over HTTP.
 */
class CompatibilityTest {
    static TestInstance t;

    @BeforeAll
    static void start() throws Exception {
        t = new TestInstance();
        for (String app : new String[] {"hello", "handler", "request", "status", "kv", "docs", "blobs", "env", "logs",
                "require", "private", "auth", "app", "modern"}) {
            HttpResponse<byte[]> r = t.deploy(app, FolderZip.zip(folder(app), true).zip());
            assertThat(r.statusCode()).as(app + ": " + new String(r.body())).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    static Path folder(String app) throws URISyntaxException {
        return Path.of(CompatibilityTest.class.getResource("/compat/" + app).toURI());
    }

    static HttpResponse<byte[]> call(String app, String pathAndQuery) {
        return t.get(app + ".localhost", pathAndQuery);
    }

    static JsonNode json(HttpResponse<byte[]> r) {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(new String(r.body()), e);
        }
    }

    static JsonNode ok(String app, String pathAndQuery) {
        HttpResponse<byte[]> r = call(app, pathAndQuery);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        return json(r);
    }

    @Test
    void respondWithAnObject() {
        JsonNode n = ok("hello", "/api/hello");
        assertThat(n.get("message").asText()).isEqualTo("Hello");
        assertThat(n.get("time").asLong()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
        assertThat(call("hello", "/api/other").statusCode()).isEqualTo(404);
    }

    @Test
    void lastExpressionIsTheResponse() {
        assertThat(ok("handler", "/api?name=Ada").toString()).isEqualTo("{\"greeting\":\"Hello, Ada\",\"method\":\"GET\"}");
        assertThat(ok("handler", "/api").get("greeting").asText()).isEqualTo("Hello, world");
    }

    @Test
    void requestHasTheDocumentedShape() {
        HttpResponse<byte[]> r = t.send(t.request("request.localhost", "/api/items/7?a=1&a=2&b=x")
                .header("X-Test-Agent", "suite").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"k\":[1,2]}")).build());
        JsonNode n = json(r);
        assertThat(n.get("method").asText()).isEqualTo("POST");
        assertThat(n.get("path").asText()).isEqualTo("/api/items/7");
        assertThat(n.get("query").toString()).isEqualTo("{\"a\":\"1\",\"b\":\"x\"}");
        assertThat(n.get("agent").asText()).isEqualTo("suite");
        assertThat(n.get("body").toString()).isEqualTo("{\"k\":[1,2]}");
        assertThat(n.get("hasIp").asBoolean()).isTrue();
        JsonNode form = json(t.send(t.request("request.localhost", "/api").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=Ada+L&x=%26")).build()));
        assertThat(form.get("body").toString()).isEqualTo("{\"name\":\"Ada L\",\"x\":\"&\"}");
        JsonNode text = json(t.send(t.request("request.localhost", "/api").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("raw words")).build()));
        assertThat(text.get("body").asText()).isEqualTo("raw words");
        JsonNode empty = ok("request", "/api");
        assertThat(empty.get("body").isNull()).isTrue();
        assertThat(empty.get("type").asText()).isEqualTo("object");
    }

    @Test
    void respondVariants() {
        HttpResponse<byte[]> created = call("status", "/api?mode=created");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(new String(created.body())).isEqualTo("{\"created\":true}");
        assertThat(call("status", "/api?mode=empty").statusCode()).isEqualTo(204);
        HttpResponse<byte[]> html = call("status", "/api?mode=html");
        assertThat(html.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(html.headers().firstValue("x-custom")).hasValue("yes");
        assertThat(new String(html.body())).isEqualTo("<p>hi</p>");
        HttpResponse<byte[]> text = call("status", "/api?mode=text");
        assertThat(text.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
        assertThat(new String(text.body())).isEqualTo("plain text");
        HttpResponse<byte[]> first = call("status", "/api");
        assertThat(first.statusCode()).isEqualTo(418);
        assertThat(new String(first.body())).isEqualTo("{\"first\":true}");
    }

    @Test
    void keyValueStore() throws InterruptedException {
        ok("kv", "/api?op=set");
        Thread.sleep(120);
        JsonNode got = ok("kv", "/api?op=get");
        assertThat(got.toString()).isEqualTo("{\"user\":{\"name\":\"Ada\"},\"count\":42,\"missing\":true,\"temp\":null}");
        assertThat(ok("kv", "/api?op=list").toString()).isEqualTo("{\"keys\":[\"user:1\",\"user:2\"],\"first\":{\"name\":\"Ada\"}}");
        assertThat(ok("kv", "/api?op=delete").get("after").asBoolean()).isTrue();
    }

    @Test
    void documentStore() {
        assertThat(ok("docs", "/api?op=seed").get("generated").asBoolean()).isTrue();
        assertThat(ok("docs", "/api?op=query").toString()).isEqualTo("{\"open\":[\"write\",\"ship\"],\"high\":2,\"either\":2,"
                + "\"nested\":\"ship\",\"byId\":\"write\",\"inList\":2,\"hasOwner\":1}");
        assertThat(ok("docs", "/api?op=update").toString()).isEqualTo("{\"matched\":1,\"done\":true,\"prio\":11,\"hasStamps\":true}");
        assertThat(ok("docs", "/api?op=delete").toString()).isEqualTo("{\"deleted\":2,\"left\":1}");
    }

    @Test
    void blobStore() {
        ok("blobs", "/api?op=put");
        assertThat(ok("blobs", "/api?op=get").toString())
                .isEqualTo("{\"data\":\"aGVsbG8gYmxvYg==\",\"mime\":\"text/plain\",\"size\":10,\"hashLength\":64,\"missing\":null,"
                        + "\"bytes\":\"AQID/w==\"}");
        assertThat(ok("blobs", "/api?op=list").toString()).isEqualTo("[\"notes/bytes.bin:4\",\"notes/hello.txt:10\"]");
        assertThat(ok("blobs", "/api?op=delete").get("gone").asBoolean()).isTrue();
    }

    @Test
    void envVars() {
        t.fazt.envVars().set(t.fazt.apps().get("env").id(), "GREETING", "hi there");
        assertThat(ok("env", "/api").toString()).isEqualTo("{\"greeting\":\"hi there\",\"fallback\":\"default\",\"has\":true,\"hasNot\":false}");
    }

    @Test
    void logsAreStored() {
        ok("logs", "/api");
        t.fazt.functionLogs().flush();
        var lines = t.fazt.functionLogs().query(t.fazt.apps().get("logs").id(), null, 10, null);
        assertThat(lines).extracting(l -> l.level() + " " + l.message()).contains("info console log line {\"n\":1}",
                "warn console warn line", "info fazt info line", "error fazt error line");
    }

    @Test
    void requireLoadsModulesFromApiOnceARequest() {
        assertThat(ok("require", "/api").toString()).isEqualTo("{\"sum\":5,\"same\":true,\"count\":1}");
        assertThat(ok("require", "/api").get("count").asInt()).isEqualTo(1);
    }

    @Test
    void privateFiles() {
        assertThat(ok("private", "/api").toString()).isEqualTo("{\"text\":\"secret notes\",\"config\":{\"plan\":\"pro\"},"
                + "\"missing\":true,\"missingJSON\":null,\"exists\":true,\"list\":[\"config.json\",\"notes.txt\"]}");
    }

    @Test
    void authWithoutAUser() {
        assertThat(ok("auth", "/api").toString()).isEqualTo("{\"user\":null,\"loggedIn\":false,\"owner\":false,\"admin\":false,"
                + "\"role\":false,\"login\":\"/auth/login?redirect=%2Fafter&app=auth\",\"logout\":\"/auth/logout\"}");
    }

    @Test
    void appInfo() {
        assertThat(ok("app", "/api").toString()).isEqualTo("{\"name\":\"app\",\"idPrefix\":\"app_\"}");
    }

    @Test
    void modernJavaScript() {
        assertThat(ok("modern", "/api?discount=4").toString()).isEqualTo(
                "{\"first\":\"pen\",\"rest\":[\"book\"],\"total\":12,\"note\":\"2 items\",\"stored\":12}");
    }
}
