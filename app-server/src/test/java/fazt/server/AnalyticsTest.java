package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Fazt;
import fazt.core.db.DataFileQueries;
import fazt.core.identity.Scope;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Analytics over real HTTP (SPEC §7): ingest, the pixel, short links, server-side pageviews, stats and scopes. */
class AnalyticsTest {
    @TempDir
    Path dir;

    static HttpRequest.Builder track(TestInstance t, String host, String json) {
        return t.request(host, "/track").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    static long count(Path data, String sql) throws Exception {
        return DataFileQueries.readOnly(data).number(sql);
    }

    static JsonNode data(HttpResponse<byte[]> r) {
        return TestInstance.json(r).get("data");
    }

    @Test
    void concurrentEventsAreAllStoredByACleanShutdown() throws Exception {
        Path data = dir.resolve("data.db");
        int n = 2000;
        Fazt fazt = Fazt.open(data, Map.of(), Map.of());
        FaztServer server = new FaztServer(fazt, "127.0.0.1", 0).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("http://127.0.0.1:" + server.port() + "/track");
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < n; i++) {
                String body = "{\"h\":\"blog.localhost\",\"p\":\"/post/" + i + "\",\"e\":\"read\",\"t\":{\"n\":" + i + "}}";
                answers.add(pool.submit(() -> http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            for (Future<Integer> a : answers) assertThat(a.get()).isEqualTo(204);
        }
        server.close();
        fazt.close();
        assertThat(count(data, "SELECT COUNT(*) FROM events")).isEqualTo(n);
        assertThat(count(data, "SELECT COUNT(DISTINCT path) FROM events WHERE event = 'read' AND source = 'track'")).isEqualTo(n);
        assertThat(count(data, "SELECT COUNT(*) FROM events WHERE address = '127.0.0.0' AND visitor IS NOT NULL")).isEqualTo(n);
        assertThat(count(data, "SELECT COUNT(*) FROM events WHERE address = '127.0.0.1'")).isZero();
    }

    @Test
    void ipv6BehindATrustedProxyIsStoredAsItsSlash48() throws Exception {
        try (TestInstance t = new TestInstance(Map.of("trusted_proxies", "127.0.0.1"))) {
            HttpResponse<byte[]> r = t.send(track(t, "blog.localhost", "{\"p\":\"/v6\"}")
                    .header("X-Forwarded-For", "2001:db8:1234:5678::1").build());
            assertThat(r.statusCode()).isEqualTo(204);
            t.fazt.analytics().events().flush();
            Path data = t.dir.resolve("data.db");
            assertThat(count(data, "SELECT COUNT(*) FROM events WHERE path = '/v6' AND address = '2001:db8:1234::'")).isEqualTo(1);
            assertThat(count(data, "SELECT COUNT(*) FROM events WHERE address LIKE '%5678%'")).isZero();
        }
    }

    @Test
    void trackAcceptsAnyOriginAndRefusesBadBodies() throws Exception {
        try (TestInstance t = new TestInstance()) {
            HttpResponse<byte[]> ok = t.send(track(t, "anything.example", "{\"p\":\"/x\",\"e\":\"signup\",\"ref\":\"https://a.example/\","
                    + "\"t\":{\"plan\":\"pro\"},\"q\":{\"utm_source\":\"mail\"}}").header("Origin", "https://other.example").build());
            assertThat(ok.statusCode()).isEqualTo(204);
            assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
            HttpResponse<byte[]> preflight = t.send(t.request("blog.localhost", "/track")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://other.example")
                    .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type").build());
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("")).containsIgnoringCase("content-type");

            HttpResponse<byte[]> big = t.send(track(t, "blog.localhost", "{\"p\":\"/" + "x".repeat(11 * 1024) + "\"}").build());
            assertThat(big.statusCode()).isEqualTo(413);
            assertThat(new String(big.body(), StandardCharsets.UTF_8)).contains("BODY_TOO_LARGE").contains("10240 bytes");
            assertBad(t, "{not json", "not valid JSON");
            assertBad(t, "[1, 2]", "must be a JSON object");
            assertBad(t, "", "must be a JSON object");
            assertBad(t, "{\"e\": 5}", "e must be a string, not a JSON number");
            assertBad(t, "{\"t\": \"x\"}", "t must be a JSON object, not a JSON string");
            assertBad(t, "{\"e\": \"" + "x".repeat(65) + "\"}", "event is 65 characters long; the limit is 64");
            assertBad(t, "{\"h\": \"a b/c:\"}", "h must be a host name");
            assertThat(t.send(t.request("blog.localhost", "/track").GET().build()).statusCode()).isEqualTo(405);

            JsonNode events = data(t.api("GET", "/api/events", t.adminToken(), null, null));
            assertThat(events).hasSize(1);
            JsonNode e = events.get(0);
            assertThat(e.get("host").asText()).isEqualTo("anything.example");
            assertThat(e.get("event").asText()).isEqualTo("signup");
            assertThat(e.get("referrer").asText()).isEqualTo("https://a.example/");
            assertThat(e.get("tags").get("plan").asText()).isEqualTo("pro");
            assertThat(e.get("query").get("utm_source").asText()).isEqualTo("mail");
            assertThat(e.get("address").asText()).isEqualTo("127.0.0.0");
            assertThat(e.has("visitor")).isFalse();
        }
    }

    static void assertBad(TestInstance t, String body, String message) {
        HttpResponse<byte[]> r = t.send(track(t, "blog.localhost", body).build());
        assertThat(r.statusCode()).as(body).isEqualTo(400);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains(message);
    }

    @Test
    void pixelIsAValidUncachedGif() throws Exception {
        try (TestInstance t = new TestInstance()) {
            HttpResponse<byte[]> r = t.get("blog.localhost", "/pixel.gif?p=/news&e=open&ref=https://mail.example/");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).contains("image/gif");
            assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
            assertThat(image.getWidth()).isEqualTo(1);
            assertThat(image.getHeight()).isEqualTo(1);
            HttpResponse<byte[]> fromPage = t.send(t.request("shop.localhost", "/pixel.gif")
                    .header("Referer", "http://shop.localhost/cart?x=1").GET().build());
            assertThat(fromPage.statusCode()).isEqualTo(200);
            HttpResponse<byte[]> bad = t.get("blog.localhost", "/pixel.gif?p=" + "y".repeat(2100));
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(new String(bad.body(), StandardCharsets.UTF_8)).contains("path is 2100 characters long");

            JsonNode events = data(t.api("GET", "/api/events?limit=10", t.adminToken(), null, null));
            assertThat(events).hasSize(2);
            assertThat(events.get(0).get("path").asText()).isEqualTo("/cart");
            assertThat(events.get(0).get("host").asText()).isEqualTo("shop.localhost");
            assertThat(events.get(1).get("path").asText()).isEqualTo("/news");
            assertThat(events.get(1).get("event").asText()).isEqualTo("open");
            assertThat(events.get(1).get("source").asText()).isEqualTo("pixel");
        }
    }

    @Test
    void shortLinksRedirectAndCountClicks() throws Exception {
        try (TestInstance t = new TestInstance()) {
            assertThat(t.get("anything.example", "/r/nope").statusCode()).isEqualTo(404);
            assertThat(t.get("anything.example", "/r/Bad_Slug").statusCode()).isEqualTo(404);
            HttpResponse<byte[]> made = t.api("POST", "/api/redirects", t.adminToken(),
                    "{\"slug\":\"launch\",\"url\":\"https://example.com/launch\"}".getBytes(StandardCharsets.UTF_8), "application/json");
            assertThat(made.statusCode()).isEqualTo(201);
            assertThat(data(made).get("clicks").asLong()).isZero();

            HttpResponse<byte[]> go = t.get("blog.localhost", "/r/launch");
            assertThat(go.statusCode()).isEqualTo(302);
            assertThat(go.headers().firstValue("Location")).contains("https://example.com/launch");
            assertThat(go.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(t.get("localhost", "/r/launch").statusCode()).isEqualTo(302);
            assertThat(t.send(t.request("x.localhost", "/r/launch").HEAD().build()).statusCode()).isEqualTo(302);
            JsonNode list = data(t.api("GET", "/api/redirects", t.adminToken(), null, null));
            assertThat(list.get(0).get("slug").asText()).isEqualTo("launch");
            assertThat(list.get(0).get("clicks").asLong()).isEqualTo(2);

            assertThat(t.api("DELETE", "/api/redirects/launch", t.adminToken(), null, null).statusCode()).isEqualTo(200);
            assertThat(t.get("blog.localhost", "/r/launch").statusCode()).isEqualTo(404);
            assertThat(t.api("DELETE", "/api/redirects/launch", t.adminToken(), null, null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void badRedirectsAreRefusedAndAReadKeyCannotMakeThem() {
        try (TestInstance t = new TestInstance()) {
            String read = t.fazt.apiKeys().create("reader", Scope.READ).token();
            byte[] body = "{\"slug\":\"x\",\"url\":\"https://example.com\"}".getBytes(StandardCharsets.UTF_8);
            HttpResponse<byte[]> denied = t.api("POST", "/api/redirects", read, body, "application/json");
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(new String(denied.body(), StandardCharsets.UTF_8)).contains("needs admin");
            assertThat(t.api("DELETE", "/api/redirects/x", read, null, null).statusCode()).isEqualTo(403);
            assertThat(t.api("GET", "/api/stats", read, null, null).statusCode()).isEqualTo(200);
            assertThat(t.api("GET", "/api/stats/timeline", read, null, null).statusCode()).isEqualTo(200);
            assertThat(t.api("GET", "/api/events", read, null, null).statusCode()).isEqualTo(200);
            assertThat(t.api("GET", "/api/redirects", read, null, null).statusCode()).isEqualTo(200);
            assertThat(t.api("GET", "/api/stats", null, null, null).statusCode()).isEqualTo(401);

            String admin = t.adminToken();
            assertRefused(t, admin, "{\"slug\":\"Has Space\",\"url\":\"https://example.com\"}", "slug must be 1 to 64 characters");
            assertRefused(t, admin, "{\"slug\":\"ok\",\"url\":\"ftp://example.com\"}", "must start with http:// or https://");
            assertRefused(t, admin, "{\"url\":\"https://example.com\"}", "slug is required");
            assertRefused(t, admin, "{\"slug\":\"ok\"}", "url is required");
            assertThat(t.fazt.analytics().shortLinks().list()).isEmpty();
        }
    }

    static void assertRefused(TestInstance t, String token, String body, String message) {
        HttpResponse<byte[]> r = t.api("POST", "/api/redirects", token, body.getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(r.statusCode()).as(body).isEqualTo(400);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains(message);
    }

    @Test
    void htmlDocumentsCountAsPageviewsAssetsDoNot() throws Exception {
        try (TestInstance t = new TestInstance()) {
            assertThat(t.deploy("blog", TestInstance.zip(Map.of("index.html", "<h1>hi</h1>", "app.css", "h1{}",
                    "about/index.html", "about"))).statusCode()).isEqualTo(200);
            String id = t.fazt.apps().get("blog").id();
            HttpResponse<byte[]> first = t.send(t.request("blog.localhost", "/").header("Referer", "https://news.example/")
                    .header("User-Agent", "browser-a").GET().build());
            assertThat(first.statusCode()).isEqualTo(200);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertThat(t.send(t.request("blog.localhost", "/").header("If-None-Match", etag).header("User-Agent", "browser-a")
                    .GET().build()).statusCode()).isEqualTo(304);
            assertThat(t.get("blog.localhost", "/about").statusCode()).isEqualTo(200);
            assertThat(t.get("blog.localhost", "/app.css").statusCode()).isEqualTo(200);
            assertThat(t.send(t.request("blog.localhost", "/").HEAD().build()).statusCode()).isEqualTo(200);
            assertThat(t.get("blog.localhost", "/missing").statusCode()).isEqualTo(404);

            JsonNode events = data(t.api("GET", "/api/events?app=blog", t.adminToken(), null, null));
            assertThat(events).hasSize(3);
            assertThat(events.findValuesAsText("path")).containsExactly("/about", "/", "/");
            assertThat(events.findValuesAsText("source")).containsOnly("server");
            assertThat(events.findValuesAsText("app_id")).containsOnly(id);
            assertThat(events.get(2).get("referrer").asText()).isEqualTo("https://news.example/");

            assertThat(t.deploy("quiet", TestInstance.zip(Map.of("index.html", "<h1>shh</h1>",
                    "manifest.json", "{\"name\":\"quiet\",\"analytics\":false}"))).statusCode()).isEqualTo(200);
            assertThat(t.get("quiet.localhost", "/").statusCode()).isEqualTo(200);
            assertThat(t.get("blog.localhost", "/").statusCode()).isEqualTo(200);
            assertThat(data(t.api("GET", "/api/events?app=blog", t.adminToken(), null, null))).hasSize(4);
            assertThat(data(t.api("GET", "/api/events?app=quiet", t.adminToken(), null, null)))
                    .as("\"analytics\": false in the manifest").isEmpty();
        }
    }

    @Test
    void controlCharactersInTheRefererNeverBreakThePage() throws Exception {
        try (TestInstance t = new TestInstance()) {
            assertThat(t.deploy("blog", TestInstance.zip(Map.of("index.html", "<h1>hi</h1>"))).statusCode()).isEqualTo(200);
            // a TAB, and 0x85 (U+0085, a C1 control character in the ISO-8859-1 header bytes)
            String answer = t.raw("GET / HTTP/1.1\r\nHost: blog.localhost\r\nReferer: http://a.example/\tx\u0085y\r\n"
                    + "User-Agent: agent\tone\r\nConnection: close\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 200").contains("<h1>hi</h1>");

            JsonNode events = data(t.api("GET", "/api/events?app=blog", t.adminToken(), null, null));
            assertThat(events).singleElement().satisfies(e -> assertThat(e.get("referrer").asText()).isEqualTo("http://a.example/xy"));
        }
    }

    @Test
    void statsAndTimelineCountAKnownSetOfEvents() throws Exception {
        try (TestInstance t = new TestInstance()) {
            t.deploy("blog", TestInstance.zip(Map.of("index.html", "blog")));
            t.deploy("shop", TestInstance.zip(Map.of("index.html", "shop")));
            // blog: three pageviews by two visitors (same address and agent twice), one signup; shop: one pageview
            send(t, "blog.localhost", "{\"p\":\"/\",\"ref\":\"https://news.example/\"}", "agent-a");
            send(t, "blog.localhost", "{\"p\":\"/about\"}", "agent-a");
            send(t, "blog.localhost", "{\"p\":\"/\"}", "agent-b");
            send(t, "blog.localhost", "{\"p\":\"/\",\"e\":\"signup\"}", "agent-b");
            send(t, "shop.localhost", "{\"p\":\"/cart\"}", "agent-a");
            String read = t.fazt.apiKeys().create("reader", Scope.READ).token();

            JsonNode blog = data(t.api("GET", "/api/stats?app=blog", read, null, null));
            assertThat(blog.get("app").asText()).isEqualTo("blog");
            assertThat(blog.get("events").get("today").asLong()).isEqualTo(4);
            assertThat(blog.get("pageviews").get("today").asLong()).isEqualTo(3);
            assertThat(blog.get("pageviews").get("last_7_days").asLong()).isEqualTo(3);
            assertThat(blog.get("visitors").get("today").asLong()).isEqualTo(2);
            assertThat(blog.get("visitors").get("all").asLong()).isEqualTo(2);
            assertThat(blog.get("by_path").get(0).get("key").asText()).isEqualTo("/");
            assertThat(blog.get("by_path").get(0).get("count").asLong()).isEqualTo(3);
            assertThat(blog.get("by_referrer").get(0).get("key").asText()).isEqualTo("https://news.example/");
            assertThat(blog.get("by_event").findValuesAsText("key")).containsExactly("pageview", "signup");

            JsonNode all = data(t.api("GET", "/api/stats", read, null, null));
            assertThat(all.get("events").get("all").asLong()).isEqualTo(5);
            assertThat(all.get("visitors").get("today").asLong()).isEqualTo(3); // agent-a on shop is another visitor
            assertThat(all.get("by_app").get(0).get("name").asText()).isEqualTo("blog");
            assertThat(all.get("by_app").get(1).get("name").asText()).isEqualTo("shop");
            JsonNode future = data(t.api("GET", "/api/stats?from=2999-01-01&to=2999-01-01", read, null, null));
            assertThat(future.get("range").get("events").asLong()).isZero();

            JsonNode days = data(t.api("GET", "/api/stats/timeline?app=blog&interval=day", read, null, null));
            assertThat(days).hasSize(30);
            JsonNode today = days.get(29);
            assertThat(today.get("events").asLong()).isEqualTo(4);
            assertThat(today.get("pageviews").asLong()).isEqualTo(3);
            assertThat(today.get("visitors").asLong()).isEqualTo(2);
            JsonNode hours = data(t.api("GET", "/api/stats/timeline?interval=hour", read, null, null));
            assertThat(hours).hasSize(24);
            assertThat(hours.get(23).get("events").asLong()).isEqualTo(5);

            assertApiError(t, read, "/api/stats/timeline?interval=week", 400, "interval must be hour or day");
            assertApiError(t, read, "/api/stats?from=yesterday", 400, "from must be epoch milliseconds");
            assertApiError(t, read, "/api/stats?from=2026-03-02&to=2026-03-01", 400, "to must be after from");
            assertApiError(t, read, "/api/stats?app=nope", 404, "no app 'nope'");
            assertApiError(t, read, "/api/events?limit=0", 400, "limit must be at least 1");
            assertApiError(t, read, "/api/events?limit=ten", 400, "limit must be a whole number");
            assertApiError(t, read, "/api/stats/timeline?interval=hour&from=0", 400, "at most 5000 points");
            assertThat(data(t.api("GET", "/api/events?app=blog&event=signup", read, null, null))).hasSize(1);
        }
    }

    static void send(TestInstance t, String host, String json, String agent) {
        assertThat(t.send(track(t, host, json).header("User-Agent", agent).build()).statusCode()).isEqualTo(204);
    }

    static void assertApiError(TestInstance t, String token, String path, int status, String message) {
        HttpResponse<byte[]> r = t.api("GET", path, token, null, null);
        assertThat(r.statusCode()).as(path).isEqualTo(status);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).as(path).contains(message);
    }
}
