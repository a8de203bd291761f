package fazt.core.js;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.TempFazt;
import fazt.core.apps.Bundle;
import fazt.core.apps.VersionIndex;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The JavaScript runtime of SPEC §4.1-4.3 called directly, without HTTP: handler styles, context
 * reuse and cleanup, isolation, modules, errors and limits. The same behaviour seen through
 * HTTP is app-server's functions suite.
 */
class FunctionsTest {
    private final TempFazt t = new TempFazt();

    @AfterEach
    void close() {
        t.close();
    }

    private VersionIndex deploy(String app, Map<String, String> files) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        bytes.put("index.html", "x".getBytes(StandardCharsets.UTF_8));
        files.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
        t.fazt.apps().deploy(app, Bundle.of(bytes), false);
        return t.fazt.apps().activeIndex(t.fazt.apps().get(app).id()).orElseThrow();
    }

    private VersionIndex deploy(String app, String main) {
        return deploy(app, Map.of("api/main.js", main));
    }

    private FunctionResponse call(VersionIndex index, String path) {
        return t.fazt.functions().invoke(index, new FunctionRequest("GET", path, Map.of(), Map.of(), new byte[0], null,
                "127.0.0.1", "req-1", "http://" + index.appName() + ".localhost" + path), null);
    }

    private static String body(FunctionResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void theThreeHandlerStylesAndAnAwaitedPromiseAnswer() {
        assertThat(body(call(deploy("last", "({style: 'last expression', path: request.path})"), "/api/x")))
                .isEqualTo("{\"style\":\"last expression\",\"path\":\"/api/x\"}");
        FunctionResponse first = call(deploy("respond", "respond(201, {first: true}); respond(500, 'ignored')"), "/api");
        assertThat(first.status()).isEqualTo(201);
        assertThat(body(first)).isEqualTo("{\"first\":true}");
        assertThat(body(call(deploy("ret", "if (request.path === '/api') return respond('early');\nrespond('late')"), "/api")))
                .isEqualTo("early");
        assertThat(body(call(deploy("async", "async function handler(r) { await null; return {awaited: r.method} }\n"
                + "handler(request)"), "/api"))).isEqualTo("{\"awaited\":\"GET\"}");
    }

    private FunctionResponse call(VersionIndex index, String method, String body, String contentType) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("a", "1");
        query.put("b", "two");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", index.appName() + ".localhost");
        headers.put("x-test", "yes");
        return t.fazt.functions().invoke(index, new FunctionRequest(method, "/api/echo", query, headers,
                body.getBytes(StandardCharsets.UTF_8), contentType, "10.0.0.7", "req-2", "http://x.localhost/api/echo"), null);
    }

    @Test
    void theRequestGlobalIsAPlainWritableObjectWithTheSameFieldsEveryTime() {
        String expected = "{\"method\":\"GET\",\"path\":\"/api/echo\",\"query\":{\"a\":\"1\",\"b\":\"two\"},"
                + "\"headers\":{\"host\":\"req.localhost\",\"x-test\":\"yes\"},\"ip\":\"10.0.0.7\",\"scheduled\":false,\"body\":null}";
        VersionIndex index = deploy("req", "var text = JSON.stringify(request);\n"
                + "var after = Object.getOwnPropertyDescriptor(globalThis, 'request');\n"
                + "request.added = 1; request.query.a = 'changed';\n"
                + "({text: text, keys: Object.keys(request).join(), added: request.added, a: request.query.a,\n"
                + "  data: 'value' in after && after.writable && after.enumerable && after.configurable,\n"
                + "  proto: Object.getPrototypeOf(request) === Object.prototype, own: request.hasOwnProperty('path')})");
        for (int i = 0; i < 3; i++) {
            String out = body(call(index, "GET", "", null));
            assertThat(out).contains("\"text\":" + quoted(expected))
                    .contains("\"keys\":\"method,path,query,headers,ip,scheduled,body,added\"")
                    .contains("\"added\":1,\"a\":\"changed\",\"data\":true,\"proto\":true,\"own\":true");
        }
        // with a body, and a script that assigns request before reading it
        String withBody = body(call(deploy("reqbody", "var seen = JSON.stringify(request); request = {replaced: true};\n"
                + "({seen: seen, now: request, type: typeof request})"), "POST", "{\"k\":[1,2]}", "application/json"));
        assertThat(withBody).isEqualTo("{\"seen\":" + quoted(expected.replace("GET", "POST").replace("req.localhost", "reqbody.localhost")
                .replace("\"body\":null", "\"body\":{\"k\":[1,2]}")) + ",\"now\":{\"replaced\":true},\"type\":\"object\"}");
        VersionIndex assign = deploy("reqset", "var before = typeof request; request = 5; var mid = request; delete globalThis.request;\n"
                + "({before: before, mid: mid, after: typeof globalThis.request})");
        for (int i = 0; i < 2; i++) {
            assertThat(body(call(assign, "GET", "", null))).isEqualTo("{\"before\":\"object\",\"mid\":5,\"after\":\"undefined\"}");
        }
        // a script that pins request down for good still gets each request's object
        VersionIndex pinned = deploy("reqpin", "Object.defineProperty(globalThis, 'request', {value: request, writable: true,"
                + " enumerable: true, configurable: false});\nrequest.method");
        for (int i = 0; i < 3; i++) assertThat(body(call(pinned, i % 2 == 0 ? "GET" : "PUT", "", null))).isEqualTo(i % 2 == 0 ? "GET" : "PUT");
        // a bad JSON body is refused even when the script never reads request
        FunctionResponse bad = call(deploy("noread", "'never read'"), "POST", "{oops", "application/json");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(body(bad)).contains("the request body is not valid JSON");
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void aDeployOrARollbackGetsTheVersionReadyBeforeItsFirstRequest() throws InterruptedException {
        VersionIndex first = deploy("ready", "'v1'");
        String id = first.appId();
        awaitLoaded(id, "1:1");
        deploy("ready", "'v2'");
        awaitLoaded(id, "2:1");
        t.fazt.apps().rollback("ready", 1);
        awaitLoaded(id, "1:1");
        assertThat(body(call(t.fazt.apps().activeIndex(id).orElseThrow(), "/api"))).isEqualTo("v1");
    }

    @Test
    void theJitWarmUpRunsFaztsOwnScriptNeverTheAppsSoItWritesNothing() {
        VersionIndex index = deploy("writer", "fazt.storage.kv.set('k' + Math.random(), 1); console.log('ran'); 'wrote'");
        assertThat(t.fazt.functions().warmUpPrelude(index)).isPositive();
        assertThat(t.fazt.kv().list(index.appId(), "")).isEmpty();
        assertThat(t.fazt.functionLogs().query(index.appId(), null, 10, null)).isEmpty();
        assertThat(body(call(index, "/api"))).isEqualTo("wrote"); // the app itself still runs, and writes
        assertThat(t.fazt.kv().list(index.appId(), "")).hasSize(1);
    }

    @Test
    void aStaticSiteGetsNoRuntimeSoNoEngineIsBuiltForIt() throws InterruptedException {
        Map<String, byte[]> page = Map.of("index.html", "<p>static</p>".getBytes(StandardCharsets.UTF_8));
        t.fazt.apps().deploy("plain", Bundle.of(page), false);
        String plainId = t.fazt.apps().get("plain").id();
        // one preparing thread, in deploy order: once the functions app is ready, the static site's turn has passed
        awaitLoaded(deploy("after", "'v1'").appId(), "1:1");
        assertThat(t.fazt.functions().loaded(plainId)).isNull();
    }

    @Test
    void theEngineModeIsKnownBeforeTheEngineIsBuiltAndStaysTheSame() {
        try (JsEngine engine = new JsEngine()) {
            String before = engine.mode();
            assertThat(engine.built()).isFalse();
            engine.ensureBuilt();
            assertThat(engine.built()).isTrue();
            assertThat(engine.mode()).isEqualTo(before);
            // the suite runs with the Graal compiler jars (pom.xml), so the prediction is tested on the JIT side
            assertThat(before).isEqualTo(JsEngine.JIT);
        }
    }

    /** Waits for the background preparation; the two minutes only keep a broken build from hanging. */
    private void awaitLoaded(String appId, String expected) throws InterruptedException {
        long giveUp = System.nanoTime() + 120_000_000_000L;
        while (!expected.equals(t.fazt.functions().loaded(appId)) && System.nanoTime() < giveUp) Thread.sleep(20);
        assertThat(t.fazt.functions().loaded(appId)).isEqualTo(expected);
    }

    @Test
    void aReusedContextForgetsWhatARequestAddedAndAppsNeverShareOne() {
        String code = "var seen = typeof globalThis.mark !== 'undefined'; globalThis.mark = fazt.app.name;\n"
                + "const once = 1; let twice = 2; ({seen: seen, sum: once + twice, app: fazt.app.name})";
        VersionIndex one = deploy("one", code);
        VersionIndex two = deploy("two", code);
        for (int i = 0; i < 10; i++) {
            assertThat(body(call(one, "/api"))).isEqualTo("{\"seen\":false,\"sum\":3,\"app\":\"one\"}");
            assertThat(body(call(two, "/api"))).isEqualTo("{\"seen\":false,\"sum\":3,\"app\":\"two\"}");
        }
    }

    @Test
    void freshIsolationStartsEveryRequestWithUntouchedBuiltIns() {
        VersionIndex fresh = deploy("fresh", Map.of("manifest.json", "{\"name\":\"fresh\",\"isolation\":\"fresh\"}",
                "api/main.js", "var before = typeof Object.prototype.polluted; Object.prototype.polluted = 1; ({before: before})"));
        for (int i = 0; i < 3; i++) assertThat(body(call(fresh, "/api"))).isEqualTo("{\"before\":\"undefined\"}");
    }

    @Test
    void modulesLoadFromApiOnlyAndAreCachedPerRequest() {
        VersionIndex index = deploy("mods", Map.of(
                "api/main.js", "var a = require('./lib'); var b = require('./lib.js'); a.count++;\n"
                        + "var escape; try { require('../secret.js'); escape = 'loaded'; } catch (e) { escape = 'refused'; }\n"
                        + "({same: a === b, count: b.count, escape: escape})",
                "api/lib.js", "module.exports = {count: 0};",
                "secret.js", "module.exports = 'outside api';"));
        for (int i = 0; i < 2; i++) {
            assertThat(body(call(index, "/api"))).isEqualTo("{\"same\":true,\"count\":1,\"escape\":\"refused\"}");
        }
    }

    @Test
    void anUncaughtErrorIs500WithTheLineAndTheNextRequestStillRuns() {
        VersionIndex index = deploy("broken", "if (request.path === '/api/throw') {\n  null.boom;\n}\n'fine'");
        FunctionResponse failed = call(index, "/api/throw");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(body(failed)).contains("TypeError at line 2");
        assertThat(body(call(index, "/api"))).isEqualTo("fine");
    }

    @Test
    void aRunawayScriptIsStoppedAt504AndTheAppKeepsAnswering() {
        VersionIndex index = deploy("loop", "if (request.path === '/api/spin') { while (true) {} }\n'alive'");
        FunctionResponse stopped = call(index, "/api/spin");
        assertThat(stopped.status()).isEqualTo(504);
        assertThat(body(stopped)).isEqualTo("{\"error\":\"timeout\"}");
        assertThat(body(call(index, "/api"))).isEqualTo("alive");
    }

    @Test
    void scriptsReachNoJavaClassesAndAnAppWithoutMainHasNoHandler() {
        VersionIndex index = deploy("sandbox", "var r = {java: typeof Java, polyglot: typeof Polyglot};\n"
                + "try { Java.type('java.lang.System'); r.type = 'reached'; } catch (e) { r.type = 'refused'; } r");
        assertThat(body(call(index, "/api"))).isEqualTo("{\"java\":\"undefined\",\"polyglot\":\"undefined\",\"type\":\"refused\"}");
        FunctionResponse none = call(deploy("static", Map.of()), "/api");
        assertThat(none.status()).isEqualTo(404);
        assertThat(body(none)).isEqualTo("{\"error\":\"no serverless handler\"}");
    }
}
