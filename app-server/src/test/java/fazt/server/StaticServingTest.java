package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SPEC §3.3 over real HTTP against a real server and data.db. */
class StaticServingTest {
    static TestInstance t;
    static final String CSS = "body { color: red; }\n".repeat(100);
    /** Large enough to be held in a direct buffer once cached (ContentStore.DIRECT_FROM). */
    static final String BIG_JS = "function f(a, b) { return a * 31 + b; }\n".repeat(2000);

    @BeforeAll
    static void start() {
        t = new TestInstance();
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("index.html", "<h1>home</h1>");
        files.put("style.css", CSS);
        files.put("docs/index.html", "<h1>docs</h1>");
        files.put("assets/app-4f3a9c1b.js", "console.log(1)");
        files.put("data.bin", bytes(0, 1000));
        files.put("big.bin", bytes(3, 100_000));
        files.put("big.js", BIG_JS);
        files.put("404.html", "<h1>custom missing</h1>");
        files.put("api/main.js", "respond({ran: true}) // secret code");
        files.put("private/notes.txt", "secret notes");
        assertThat(t.deploy("site", TestInstance.zip(files)).statusCode()).isEqualTo(200);
        Map<String, Object> spa = new LinkedHashMap<>();
        spa.put("index.html", "<div id=app></div>");
        spa.put("main.js", "x");
        spa.put("manifest.json", "{\"name\":\"spa\",\"spa\":true}");
        assertThat(t.deploy("spa", TestInstance.zip(spa)).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    static byte[] bytes(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (from + i);
        return b;
    }

    static String body(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void servesIndexAndFolderIndexWithTypesAndSecurityHeaders() {
        HttpResponse<byte[]> r = t.get("site.localhost", "/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(body(r)).isEqualTo("<h1>home</h1>");
        assertThat(r.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(r.headers().firstValue("cache-control")).hasValue("no-cache");
        assertThat(r.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("referrer-policy")).isPresent();
        assertThat(r.headers().firstValue("x-request-id")).isPresent();
        assertThat(r.headers().firstValue("strict-transport-security")).isEmpty();
        assertThat(body(t.get("site.localhost", "/docs"))).isEqualTo("<h1>docs</h1>");
        assertThat(body(t.get("site.localhost:" + t.port(), "/docs/index.html"))).isEqualTo("<h1>docs</h1>");
    }

    @Test
    void requestIdIsEchoedWhenSafe() {
        HttpResponse<byte[]> r = t.send(t.request("site.localhost", "/").header("X-Request-ID", "abc-123").build());
        assertThat(r.headers().firstValue("x-request-id")).hasValue("abc-123");
        HttpResponse<byte[]> bad = t.send(t.request("site.localhost", "/").header("X-Request-ID", "<script>").build());
        assertThat(bad.headers().firstValue("x-request-id").orElseThrow()).doesNotContain("<");
    }

    @Test
    void trailingSlashRedirectsKeepingTheQuery() {
        HttpResponse<byte[]> r = t.get("site.localhost", "/docs/?a=1&b=2");
        assertThat(r.statusCode()).isEqualTo(301);
        assertThat(r.headers().firstValue("location")).hasValue("/docs?a=1&b=2");
        HttpResponse<byte[]> sneaky = t.get("site.localhost", "//evil.example/");
        assertThat(sneaky.headers().firstValue("location").orElse("/")).doesNotStartWith("//");
    }

    @Test
    void missingFilesGetTheAppsOwn404() {
        HttpResponse<byte[]> r = t.get("site.localhost", "/nope.html");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(body(r)).isEqualTo("<h1>custom missing</h1>");
        HttpResponse<byte[]> plain = t.get("spa.localhost", "/nope.png");
        assertThat(plain.statusCode()).isEqualTo(404);
        assertThat(body(plain)).contains("404");
    }

    @Test
    void serverOnlyFoldersAreNeverServed() {
        HttpResponse<byte[]> privateFile = t.get("site.localhost", "/private/notes.txt");
        assertThat(privateFile.statusCode()).as("private files need a session").isEqualTo(401);
        assertThat(body(privateFile)).doesNotContain("secret");
        HttpResponse<byte[]> folder = t.get("site.localhost", "/private");
        assertThat(folder.statusCode()).isEqualTo(404);
        assertThat(body(folder)).doesNotContain("secret");
        for (String path : new String[] {"/api/main.js", "/api"}) {
            HttpResponse<byte[]> r = t.get("site.localhost", path);
            assertThat(body(r)).as("%s runs the function, never shows its code", path).isEqualTo("{\"ran\":true}");
        }
    }

    @Test
    void spaFallbackServesIndexForExtensionlessPaths() {
        HttpResponse<byte[]> r = t.get("spa.localhost", "/users/42");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(body(r)).isEqualTo("<div id=app></div>");
        assertThat(t.get("spa.localhost", "/missing.js").statusCode()).isEqualTo(404);
        assertThat(t.get("site.localhost", "/users/42").statusCode()).isEqualTo(404);
    }

    @Test
    void etagAndLastModifiedGive304() {
        HttpResponse<byte[]> r = t.get("site.localhost", "/style.css");
        String etag = r.headers().firstValue("etag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{64}\"");
        HttpResponse<byte[]> again = t.send(t.request("site.localhost", "/style.css").header("If-None-Match", etag).build());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        String lastModified = r.headers().firstValue("last-modified").orElseThrow();
        HttpResponse<byte[]> since = t.send(t.request("site.localhost", "/style.css").header("If-Modified-Since", lastModified).build());
        assertThat(since.statusCode()).isEqualTo(304);
        HttpResponse<byte[]> other = t.send(t.request("site.localhost", "/style.css").header("If-None-Match", "\"abc\"").build());
        assertThat(other.statusCode()).isEqualTo(200);
    }

    @Test
    void gzipIsServedFromTheCopyMadeAtDeploy() throws IOException {
        HttpResponse<byte[]> r = t.send(t.request("site.localhost", "/style.css").header("Accept-Encoding", "gzip, br").build());
        assertThat(r.headers().firstValue("content-encoding")).hasValue("gzip");
        assertThat(r.headers().firstValue("vary")).hasValue("Accept-Encoding");
        assertThat(r.body().length).isLessThan(CSS.length() / 5);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(CSS);
        }
        HttpResponse<byte[]> refused = t.send(t.request("site.localhost", "/style.css").header("Accept-Encoding", "gzip;q=0").build());
        assertThat(refused.headers().firstValue("content-encoding")).isEmpty();
        assertThat(body(refused)).isEqualTo(CSS);
    }

    @Test
    void singleRangesAnd416() {
        HttpResponse<byte[]> r = t.send(t.request("site.localhost", "/data.bin").header("Range", "bytes=10-19").build());
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.headers().firstValue("content-range")).hasValue("bytes 10-19/1000");
        assertThat(r.body()).isEqualTo(bytes(10, 10));
        HttpResponse<byte[]> suffix = t.send(t.request("site.localhost", "/data.bin").header("Range", "bytes=-5").build());
        assertThat(suffix.body()).isEqualTo(bytes(995, 5));
        HttpResponse<byte[]> open = t.send(t.request("site.localhost", "/data.bin").header("Range", "bytes=990-").build());
        assertThat(open.body()).isEqualTo(bytes(990, 10));
        HttpResponse<byte[]> beyond = t.send(t.request("site.localhost", "/data.bin").header("Range", "bytes=5000-").build());
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("content-range")).hasValue("bytes */1000");
        HttpResponse<byte[]> many = t.send(t.request("site.localhost", "/data.bin").header("Range", "bytes=0-1,5-6").build());
        assertThat(many.statusCode()).isEqualTo(200);
        assertThat(many.body()).hasSize(1000);
        HttpResponse<byte[]> staleIfRange = t.send(t.request("site.localhost", "/data.bin").header("Range", "bytes=0-1")
                .header("If-Range", "\"old\"").build());
        assertThat(staleIfRange.statusCode()).isEqualTo(200);
    }

    @Test
    void cacheControlRules() {
        assertThat(t.get("site.localhost", "/assets/app-4f3a9c1b.js").headers().firstValue("cache-control"))
                .hasValue("public, max-age=31536000, immutable");
        assertThat(t.get("site.localhost", "/style.css").headers().firstValue("cache-control")).hasValue("public, max-age=300");
    }

    @Test
    void headHasHeadersButNoBody() {
        HttpResponse<byte[]> r = t.send(t.request("site.localhost", "/style.css").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValueAsLong("content-length").orElse(-1)).isEqualTo(CSS.length());
        assertThat(r.body()).isEmpty();
    }

    @Test
    void otherMethodsAre405() {
        HttpResponse<byte[]> r = t.send(t.request("site.localhost", "/style.css").POST(HttpRequest.BodyPublishers.ofString("x")).build());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("allow")).hasValue("GET, HEAD");
    }

    @Test
    void hostsRouteToLandingDashboardAppsAnd404() {
        String base = t.fazt.baseDomains().get(0);
        assertThat(body(t.get(base, "/"))).contains("fazt is running");
        assertThat(body(t.get("site." + base, "/"))).isEqualTo("<h1>home</h1>");
        assertThat(body(t.get("localhost", "/"))).as("the admin host serves the dashboard").contains("/assets/app.js");
        assertThat(t.get("unknown.localhost", "/").statusCode()).isEqualTo(404);
        assertThat(t.get("a.b.localhost", "/").statusCode()).isEqualTo(404);
        assertThat(t.get("elsewhere.example", "/").statusCode()).isEqualTo(404);
        assertThat(t.get("admin.localhost", "/api/apps").statusCode()).isEqualTo(401);
        assertThat(t.get("SITE.LOCALHOST.", "/").statusCode()).isEqualTo(200);
    }

    @Test
    void healthAnswersOnEveryHost() {
        for (String host : new String[] {"localhost", "site.localhost", "whatever.example"}) {
            HttpResponse<byte[]> r = t.get(host, "/health");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(body(r)).isEqualTo("OK");
        }
    }

    @Test
    void aLargeFileFromTheCacheServesWholeRangesGzipAnd304AlikeEveryTime() throws IOException {
        byte[] big = bytes(3, 100_000);
        for (int i = 0; i < 3; i++) { // the first read fills the cache; each response gets its own view of the bytes
            HttpResponse<byte[]> whole = t.get("site.localhost", "/big.bin");
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.body()).isEqualTo(big);
            assertThat(whole.headers().firstValue("content-type")).hasValue("application/octet-stream");
            HttpResponse<byte[]> range = t.send(t.request("site.localhost", "/big.bin").header("Range", "bytes=50000-50009").build());
            assertThat(range.statusCode()).isEqualTo(206);
            assertThat(range.headers().firstValue("content-range")).hasValue("bytes 50000-50009/100000");
            assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(big, 50000, 50010));
            HttpResponse<byte[]> suffix = t.send(t.request("site.localhost", "/big.bin").header("Range", "bytes=-3").build());
            assertThat(suffix.body()).isEqualTo(java.util.Arrays.copyOfRange(big, 99_997, 100_000));
        }
        String etag = t.get("site.localhost", "/big.bin").headers().firstValue("etag").orElseThrow();
        HttpResponse<byte[]> same = t.send(t.request("site.localhost", "/big.bin").header("If-None-Match", etag).build());
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        HttpResponse<byte[]> ifRange = t.send(t.request("site.localhost", "/big.bin").header("Range", "bytes=0-3")
                .header("If-Range", etag).build());
        assertThat(ifRange.statusCode()).isEqualTo(206);
        assertThat(ifRange.body()).isEqualTo(java.util.Arrays.copyOfRange(big, 0, 4));

        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> zipped = t.send(t.request("site.localhost", "/big.js").header("Accept-Encoding", "gzip").build());
            assertThat(zipped.headers().firstValue("content-encoding")).hasValue("gzip");
            assertThat(zipped.body().length).isLessThan(BIG_JS.length() / 10);
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(BIG_JS);
            }
            HttpResponse<byte[]> plain = t.get("site.localhost", "/big.js");
            assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
            assertThat(body(plain)).isEqualTo(BIG_JS);
            HttpResponse<byte[]> head = t.send(t.request("site.localhost", "/big.js").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(head.headers().firstValueAsLong("content-length").orElse(-1)).isEqualTo(BIG_JS.length());
            assertThat(head.body()).isEmpty();
        }
    }
}
