package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Json;
import fazt.core.js.JsEngine;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The execution model of SPEC §4.1 over real HTTP: pooling, cleanup, isolation, limits. */
class FunctionsRuntimeTest {
    static void deploy(TestInstance t, String app, String main, String manifest) {
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("index.html", "x");
        files.put("api/main.js", main);
        if (manifest != null) files.put("manifest.json", manifest);
        assertThat(t.deploy(app, TestInstance.zip(files)).statusCode()).isEqualTo(200);
    }

    static String body(HttpResponse<byte[]> r) {
        return new String(r.body());
    }

    @Test
    void globalsAddedByARequestAreGoneForTheNextAndAppsNeverShare() {
        try (TestInstance t = new TestInstance()) {
            String code = "var seenBefore = typeof globalThis.mark !== 'undefined';\n"
                    + "globalThis.mark = fazt.app.name; counter = (typeof counter === 'number' ? counter : 0) + 1;\n"
                    + "respond({seenBefore: seenBefore, counter: counter})";
            deploy(t, "one", code, null);
            deploy(t, "two", code, null);
            for (int i = 0; i < 20; i++) {
                assertThat(body(t.get("one.localhost", "/api"))).isEqualTo("{\"seenBefore\":false,\"counter\":1}");
                assertThat(body(t.get("two.localhost", "/api"))).isEqualTo("{\"seenBefore\":false,\"counter\":1}");
            }
        }
    }

    @Test
    void topLevelConstAndLetWorkOnEveryRun() {
        try (TestInstance t = new TestInstance()) {
            deploy(t, "consts", "const a = 1; let b = 2; class K { v() { return a + b } }\n({v: new K().v()})", null);
            for (int i = 0; i < 5; i++) assertThat(body(t.get("consts.localhost", "/api"))).isEqualTo("{\"v\":3}");
        }
    }

    @Test
    void freshIsolationGivesANewContextEveryTime() {
        try (TestInstance t = new TestInstance()) {
            String code = "var before = typeof Object.prototype.polluted; Object.prototype.polluted = 1; respond({before: before})";
            deploy(t, "fresh", code, "{\"name\":\"fresh\",\"isolation\":\"fresh\"}");
            deploy(t, "pooled", code, null);
            for (int i = 0; i < 3; i++) assertThat(body(t.get("fresh.localhost", "/api"))).isEqualTo("{\"before\":\"undefined\"}");
            body(t.get("pooled.localhost", "/api"));
            // a pooled context keeps changes to built-ins (documented); fresh isolation is the cure
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 10; i++) seen.add(body(t.get("pooled.localhost", "/api")));
            assertThat(seen).contains("{\"before\":\"number\"}");
        }
    }

    @Test
    void aNewVersionRunsNewCode() {
        try (TestInstance t = new TestInstance()) {
            deploy(t, "ver", "respond({v: 1})", null);
            assertThat(body(t.get("ver.localhost", "/api"))).isEqualTo("{\"v\":1}");
            deploy(t, "ver", "respond({v: 2})", null);
            assertThat(body(t.get("ver.localhost", "/api"))).isEqualTo("{\"v\":2}");
            t.fazt.apps().rollback("ver", 1);
            assertThat(body(t.get("ver.localhost", "/api"))).isEqualTo("{\"v\":1}");
        }
    }

    @Test
    void appsWithoutAHandlerAnswer404() {
        try (TestInstance t = new TestInstance()) {
            assertThat(t.deploy("static", TestInstance.zip(Map.of("index.html", "x"))).statusCode()).isEqualTo(200);
            HttpResponse<byte[]> r = t.get("static.localhost", "/api/x");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(body(r)).isEqualTo("{\"error\":\"no serverless handler\"}");
        }
    }

    @Test
    void pastTheWorkersAndTheQueueRequestsGet503WithRetryAfter() throws Exception {
        try (TestInstance t = new TestInstance(Map.of("functions_concurrency", "1", "functions_queue", "1",
                "functions_timeout_ms", "3000"))) {
            deploy(t, "slow", "var end = Date.now() + 700; while (Date.now() < end) {} respond('done')", null);
            List<Future<HttpResponse<byte[]>>> all = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 6; i++) all.add(pool.submit(() -> t.get("slow.localhost", "/api")));
            }
            int ok = 0;
            int busy = 0;
            for (Future<HttpResponse<byte[]>> f : all) {
                HttpResponse<byte[]> r = f.get();
                if (r.statusCode() == 200) ok++;
                if (r.statusCode() == 503) {
                    busy++;
                    assertThat(r.headers().firstValue("retry-after")).hasValue("1");
                }
            }
            assertThat(ok).isGreaterThanOrEqualTo(1);
            assertThat(busy).isGreaterThanOrEqualTo(1);
            assertThat(ok + busy).isEqualTo(6);
        }
    }

    @Test
    void oversizedResponsesAreRefused() {
        try (TestInstance t = new TestInstance(Map.of("functions_max_response_bytes", "1000"))) {
            deploy(t, "big", "respond('x'.repeat(Number(request.query.n)))", null);
            assertThat(t.get("big.localhost", "/api?n=1000").statusCode()).isEqualTo(200);
            HttpResponse<byte[]> r = t.get("big.localhost", "/api?n=1001");
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(body(r)).contains("larger than the limit of 1000 bytes");
        }
    }

    @Test
    void deletingAnAppDeletesItsStorageEnvAndLogs() {
        try (TestInstance t = new TestInstance()) {
            deploy(t, "doomed", "fazt.storage.kv.set('k', 1); fazt.storage.ds.insert('c', {a: 1});"
                    + " fazt.storage.s3.put('f', 'x'); console.log('bye'); respond('ok')", null);
            String id = t.fazt.apps().get("doomed").id();
            t.fazt.envVars().set(id, "K", "v");
            assertThat(t.get("doomed.localhost", "/api").statusCode()).isEqualTo(200);
            t.fazt.functionLogs().flush();
            assertThat(t.fazt.kv().get(id, "k")).isPresent();
            t.fazt.apps().delete("doomed");
            assertThat(t.fazt.kv().list(id, "")).isEmpty();
            assertThat(t.fazt.docs().count(id, "c", null)).isZero();
            assertThat(t.fazt.blobs().list(id, "")).isEmpty();
            assertThat(t.fazt.envVars().all(id)).isEmpty();
            assertThat(t.fazt.functionLogs().query(id, null, 10, null)).isEmpty();
        }
    }

    @Test
    void healthReportsTheEngineMode() throws Exception {
        try (TestInstance t = new TestInstance()) {
            HttpResponse<byte[]> r = t.api("GET", "/api/system/health", t.adminToken(), null, null);
            JsonNode health = Json.MAPPER.readTree(r.body()).get("data");
            assertThat(health.get("js_engine").asText()).isEqualTo(JsEngine.shared().mode());
            // the tests run with the Graal compiler jars on the upgrade module path (pom.xml)
            assertThat(JsEngine.shared().mode()).isEqualTo(JsEngine.JIT);
        }
    }
}
