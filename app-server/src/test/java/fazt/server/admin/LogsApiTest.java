package fazt.server.admin;

import static fazt.server.TestInstance.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Json;
import fazt.core.identity.Scope;
import fazt.core.logs.LogLine;
import fazt.core.logs.LogStream;
import fazt.core.peers.RemoteNode;
import fazt.server.TestInstance;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/logs} and the live stream (SPEC §4.4) over real HTTP. */
class LogsApiTest {
    final TestInstance t = new TestInstance();
    String blog;
    String shop;

    @BeforeEach
    void apps() {
        blog = json(t.deploy("blog", TestInstance.zip(Map.of("index.html", "b")))).get("data").get("id").asText();
        shop = json(t.deploy("shop", TestInstance.zip(Map.of("index.html", "s")))).get("data").get("id").asText();
    }

    @AfterEach
    void stop() {
        t.close();
    }

    String key(Scope scope) {
        return t.fazt.apiKeys().create("test " + scope.id(), scope).token();
    }

    JsonNode get(String path, String token) {
        HttpResponse<byte[]> r = t.api("GET", path, token, null, null);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        return json(r).get("data");
    }

    @Test
    void listsNewestFirstWithFiltersAndLimits() {
        String read = key(Scope.READ);
        t.fazt.functionLogs().append(blog, "blog", 1, "debug", "b1", "req-1");
        t.fazt.functionLogs().append(shop, "shop", 2, "error", "s1", null);
        t.fazt.functionLogs().append(blog, "blog", 3, "warn", "b2", "req-2");

        JsonNode all = get("/api/logs", read);
        assertThat(all.findValuesAsText("message")).containsExactly("b2", "s1", "b1");
        JsonNode first = all.get(0);
        assertThat(first.get("id").asLong()).isPositive();
        assertThat(first.get("time").asLong()).isPositive();
        assertThat(first.get("app").asText()).isEqualTo("blog");
        assertThat(first.get("version").asInt()).isEqualTo(3);
        assertThat(first.get("level").asText()).isEqualTo("warn");
        assertThat(first.get("request_id").asText()).isEqualTo("req-2");

        assertThat(get("/api/logs?app=blog", read).findValuesAsText("message")).containsExactly("b2", "b1");
        assertThat(get("/api/logs?app=" + shop, read).findValuesAsText("message")).containsExactly("s1");
        assertThat(get("/api/logs?level=warn", read).findValuesAsText("message")).containsExactly("b2", "s1");
        assertThat(get("/api/logs?app=blog&level=error", read)).isEmpty();
        assertThat(get("/api/logs?limit=1", read).findValuesAsText("message")).containsExactly("b2");
        long oldest = all.get(2).get("id").asLong();
        assertThat(get("/api/logs?since=" + oldest, read).findValuesAsText("message")).containsExactly("b2", "s1");

        for (int i = 0; i < 1005; i++) t.fazt.functionLogs().append(blog, "blog", 1, "info", "n" + i, null);
        assertThat(get("/api/logs?limit=5000", read)).hasSize(1000);
        assertThat(get("/api/logs", read)).hasSize(100);
    }

    @Test
    void badParametersAnswer400AndUnknownApps404() {
        String read = key(Scope.READ);
        for (String q : new String[] {"level=loud", "limit=0", "limit=ten", "since=x"}) {
            HttpResponse<byte[]> r = t.api("GET", "/api/logs?" + q, read, null, null);
            assertThat(r.statusCode()).as(q).isEqualTo(400);
            assertThat(json(r).get("error").get("code").asText()).isEqualTo("INVALID_REQUEST");
        }
        assertThat(t.api("GET", "/api/logs?app=nope", read, null, null).statusCode()).isEqualTo(404);
        assertThat(t.api("GET", "/api/logs/stream?app=nope", read, null, null).statusCode()).isEqualTo(404);
        assertThat(t.api("GET", "/api/logs/stream?level=loud", read, null, null).statusCode()).isEqualTo(400);
        assertThat(t.api("GET", "/api/logs", null, null, null).statusCode()).isEqualTo(401);
        assertThat(t.api("GET", "/api/logs/stream", null, null, null).statusCode()).isEqualTo(401);
    }

    /** Opens the stream and hands its lines to a queue from a thread of their own. */
    record Sse(HttpResponse<Stream<String>> response, BlockingQueue<String> lines, Thread reader) implements AutoCloseable {
        static Sse open(TestInstance t, String path, String token, Map<String, String> headers) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(t.uri(path)).header("Host", "localhost").header("Authorization", "Bearer " + token);
            headers.forEach(b::header);
            HttpResponse<Stream<String>> r = t.http.send(b.GET().build(), HttpResponse.BodyHandlers.ofLines());
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    r.body().forEach(lines::add);
                } catch (RuntimeException e) {
                    // closed by the test
                }
            });
            return new Sse(r, lines, reader);
        }

        /** The next event's data as a log line, after checking that its {@code id:} field carries the line's id. */
        LogLine next() throws Exception {
            String id = null;
            while (true) {
                String line = lines.poll(10, TimeUnit.SECONDS);
                if (line == null) throw new AssertionError("no event within 10 s");
                if (line.startsWith("id: ")) id = line.substring(4);
                if (line.startsWith("data: ")) {
                    LogLine l = Json.MAPPER.readValue(line.substring(6), LogLine.class);
                    assertThat(id).isEqualTo(String.valueOf(l.id()));
                    return l;
                }
            }
        }

        @Override
        public void close() {
            response.body().close();
        }
    }

    @Test
    void streamSendsRecentLinesThenLiveOnesOfThatApp() throws Exception {
        String read = key(Scope.READ);
        for (int i = 0; i < 60; i++) t.fazt.functionLogs().append(blog, "blog", 1, "info", "old " + i, null);
        t.fazt.functionLogs().append(shop, "shop", 1, "info", "other app", null);
        try (Sse sse = Sse.open(t, "/api/logs/stream?app=blog", read, Map.of())) {
            assertThat(sse.response().statusCode()).isEqualTo(200);
            assertThat(sse.response().headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
            assertThat(sse.response().headers().firstValue("cache-control")).hasValue("no-cache");
            LogLine first = sse.next();
            assertThat(first.message()).isEqualTo("old 10"); // the last 50
            for (int i = 11; i < 60; i++) assertThat(sse.next().message()).isEqualTo("old " + i);

            t.fazt.functionLogs().append(shop, "shop", 1, "error", "not for this stream", null);
            t.fazt.functionLogs().append(blog, "blog", 4, "warn", "live line", "req-7");
            LogLine live = sse.next();
            assertThat(live.message()).isEqualTo("live line");
            assertThat(live.version()).isEqualTo(4);
            assertThat(live.requestId()).isEqualTo("req-7");
        }
    }

    @Test
    void streamResumesAfterLastEventIdAndEndsWhenTheClientLeaves() throws Exception {
        String read = key(Scope.READ);
        t.fazt.functionLogs().append(blog, "blog", 1, "info", "seen", null);
        long seen = t.fazt.functionLogs().query(null, null, 1, null).get(0).id();
        t.fazt.functionLogs().append(blog, "blog", 1, "info", "missed", null);
        Sse sse = Sse.open(t, "/api/logs/stream?level=info", read, Map.of("Last-Event-ID", String.valueOf(seen)));
        assertThat(sse.next().message()).isEqualTo("missed");
        assertThat(t.fazt.functionLogs().followerCount()).isEqualTo(1);
        sse.close();
        // the server notices at its next write: a line here, else the 15 s ping
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (t.fazt.functionLogs().followerCount() > 0 && System.nanoTime() < deadline) {
            t.fazt.functionLogs().append(blog, "blog", 1, "info", "into the void", null);
            Thread.sleep(50);
        }
        assertThat(t.fazt.functionLogs().followerCount()).isZero();
    }

    @Test
    void remoteNodeReadsTheStreamAndStopsOnClose() throws Exception {
        RemoteNode node = new RemoteNode("test", t.uri("/"), key(Scope.READ));
        t.fazt.functionLogs().append(blog, "blog", 1, "info", "stored", null);
        assertThat(node.logs("blog", null, 10)).extracting(LogLine::message).containsExactly("stored");
        BlockingQueue<LogLine> got = new LinkedBlockingQueue<>();
        LogStream stream = node.streamLogs("blog", "info", got::add);
        assertThat(got.poll(10, TimeUnit.SECONDS).message()).isEqualTo("stored");
        t.fazt.functionLogs().append(blog, "blog", 1, "debug", "below the level", null);
        t.fazt.functionLogs().append(blog, "blog", 1, "error", "arrives", null);
        assertThat(got.poll(10, TimeUnit.SECONDS).message()).isEqualTo("arrives");
        stream.close();
        assertThat(stream.done()).isCompleted().isNotCompletedExceptionally();
        t.fazt.functionLogs().append(blog, "blog", 1, "error", "after close", null);
        assertThat(got.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void remoteStreamReportsRefusals() {
        RemoteNode node = new RemoteNode("test", t.uri("/"), key(Scope.READ));
        LogStream stream = node.streamLogs("nope", null, line -> {});
        CompletableFuture<Void> done = stream.done();
        assertThat(done).failsWithin(10, TimeUnit.SECONDS).withThrowableThat().withMessageContaining("no app 'nope'");
        stream.close();
    }

    @Test
    void theServerStopsPromptlyWithAnOpenStream() throws Exception {
        Sse sse = Sse.open(t, "/api/logs/stream", key(Scope.READ), Map.of());
        assertThat(sse.response().statusCode()).isEqualTo(200);
        long start = System.nanoTime();
        t.server.close();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
        sse.reader().join(5000);
        assertThat(sse.reader().isAlive()).isFalse();
    }
}
