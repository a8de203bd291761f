package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * fazt.net.fetch against a real local server. The owner's escape hatch {@code fetch_allow_private}
 * lets this instance reach 127.0.0.1 (only); everything else about the guard stays on.
 */
class FetchTest {
    static TestInstance t;
    static FetchTarget target;

    @BeforeAll
    static void start() throws Exception {
        target = new FetchTarget();
        // a generous function time limit: a busy CI machine must not turn a slow run into a 504
        t = new TestInstance(Map.of("fetch_allow_private", "127.0.0.1, 169.254.0.0/16", "fetch_max_response_bytes", "1000",
                "fetch_concurrency", "1", "functions_timeout_ms", "10000"));
        t.fazt.outboundFetch().resolveNamesWith(host -> switch (host) {
            case "svc.test", "a.svc.test" -> List.of(InetAddress.getByName("127.0.0.1"));
            default -> throw new UnknownHostException(host);
        });
    }

    @AfterAll
    static void stop() {
        t.close();
        target.close();
    }

    static JsonNode run(String app, String code, String manifest) {
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("index.html", "fetch test"); // a bundle of api/ alone would be unwrapped to its root
        files.put("api/main.js", "var T = " + FetchGuardTest.quote(target.base()) + ";\n" + code);
        if (manifest != null) files.put("manifest.json", manifest);
        assertThat(t.deploy(app, TestInstance.zip(files)).statusCode()).isEqualTo(200);
        return call(app);
    }

    static JsonNode call(String app) {
        HttpResponse<byte[]> r = t.get(app + ".localhost", "/api");
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return TestInstance.json(r);
    }

    /** A script that answers the message of what {@code expression} throws. */
    static String error(String expression) {
        return "try { " + expression + "; respond({error: 'none'}) } catch (e) { respond({error: e.message}) }";
    }

    static String redirect(String to) {
        return "/redirect?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8);
    }

    @Test
    void getsAndPostsJson() {
        JsonNode got = run("getter", "var r = fazt.net.fetch(T + '/json');\n"
                + "respond({status: r.status, ok: r.ok, type: r.headers['content-type'], get: r.headers.get('Content-Type'), none: r.headers.get('x-none'),"
                + " body: r.json(), redirected: r.redirected})", null);
        assertThat(got.toString()).isEqualTo("{\"status\":200,\"ok\":true,\"type\":\"application/json\",\"get\":\"application/json\","
                + "\"none\":null,\"body\":{\"hello\":\"world\"},\"redirected\":false}");

        JsonNode posted = run("poster", "respond(fazt.net.fetch(T + '/echo', {method: 'POST', body: {n: 1, s: 'é'}}).json())", null);
        assertThat(posted.toString())
                .isEqualTo("{\"method\":\"POST\",\"type\":\"application/json\",\"host\":\"127.0.0.1:" + target.port()
                        + "\",\"body\":{\"n\":1,\"s\":\"é\"}}");

        JsonNode text = run("texter", "respond(fazt.net.fetch(T + '/echo', {method: 'put', body: '[1]', headers: {'Content-Type': 'text/x-note'}}).json())", null);
        assertThat(text.path("method").asText()).isEqualTo("PUT");
        assertThat(text.path("type").asText()).isEqualTo("text/x-note");
    }

    @Test
    void asyncHandlersAwaitTheResponseOrChainThen() {
        JsonNode awaited = run("awaiter", "async function h() { const r = await fazt.net.fetch(T + '/json'); return {a: r.json().hello, s: r.status}; }\nh()", null);
        assertThat(awaited.toString()).isEqualTo("{\"a\":\"world\",\"s\":200}");
        JsonNode chained = run("chainer", "fazt.net.fetch(T + '/json').then(r => r.json()).then(j => ({b: j.hello}))", null);
        assertThat(chained.toString()).isEqualTo("{\"b\":\"world\"}");
        JsonNode all = run("aller", "(async () => (await Promise.all([fazt.net.fetch(T + '/json'), fazt.net.fetch(T + '/echo')])).map(r => r.status))()", null);
        assertThat(all.toString()).isEqualTo("[200,200]");
    }

    @Test
    void aSlowServerTimesOut() {
        JsonNode r = run("slow", error("fazt.net.fetch(T + '/stall', {timeout: 300})"), null);
        assertThat(r.path("error").asText()).isEqualTo("fetch timed out after 300 ms");
        JsonNode bad = run("badtimeout", error("fazt.net.fetch(T + '/json', {timeout: 'soon'})"), null);
        assertThat(bad.path("error").asText()).isEqualTo("fetch: timeout must be a number of milliseconds above 0");
    }

    @Test
    void aFetchNeverOutlivesTheFunctionsTimeLimit() {
        // the function's own limit is 10 s here; a 60 s fetch timeout is cut to what is left of it
        JsonNode r = run("outlive", error("fazt.net.fetch(T + '/stall', {timeout: 60000})"), null);
        assertThat(r.path("error").asText()).startsWith("fetch timed out after ").endsWith(" ms (the rest of the function's time limit)");
    }

    @Test
    void aResponseOverTheCapIsAnErrorNotATruncation() {
        String message = "fetch failed: the response from 127.0.0.1 is larger than 1000 bytes (fetch_max_response_bytes)";
        assertThat(run("big", error("fazt.net.fetch(T + '/big')"), null).path("error").asText()).isEqualTo(message);
        assertThat(run("chunked", error("fazt.net.fetch(T + '/big-chunked')"), null).path("error").asText()).isEqualTo(message);
        // HEAD: the length announced is of a body that never comes
        assertThat(run("head", "respond({s: fazt.net.fetch(T + '/big', {method: 'HEAD'}).status})", null).toString()).isEqualTo("{\"s\":200}");
    }

    @Test
    void redirectsAreFollowedAndEachHopIsChecked() {
        JsonNode followed = run("follow", "var r = fazt.net.fetch(T + '" + redirect("/json") + "'); respond({s: r.status, red: r.redirected, url: r.url, b: r.json()})", null);
        assertThat(followed.toString()).isEqualTo("{\"s\":200,\"red\":true,\"url\":\"" + target.base() + "/json\",\"b\":{\"hello\":\"world\"}}");
        int before = target.hits.get();
        assertThat(run("toprivate", error("fazt.net.fetch(T + '" + redirect("http://10.0.0.5/admin") + "')"), null).path("error").asText())
                .isEqualTo("fetch refused: 10.0.0.5 is a private address");
        // the owner allowed 169.254.0.0/16, yet the metadata address stays refused
        assertThat(run("tometa", error("fazt.net.fetch(T + '" + redirect("http://169.254.169.254/latest/meta-data/") + "')"), null)
                .path("error").asText()).isEqualTo("fetch refused: 169.254.169.254 is a cloud metadata address");
        assertThat(run("tofile", error("fazt.net.fetch(T + '" + redirect("file:///etc/passwd") + "')"), null).path("error").asText())
                .isEqualTo("fetch refused: only http and https URLs can be fetched, not file:");
        assertThat(target.hits.get() - before).isEqualTo(3); // the redirecting hops only
        assertThat(run("loop", error("fazt.net.fetch(T + '/loop')"), null).path("error").asText())
                .isEqualTo("fetch failed: more than 5 redirects");
        // a POST redirected by 302 continues as a GET without its body; by 307 as the same POST
        JsonNode after302 = run("post302", "respond(fazt.net.fetch(T + '" + redirect("/echo") + "', {method: 'POST', body: {n: 1}}).json())", null);
        assertThat(after302.toString()).isEqualTo("{\"method\":\"GET\",\"type\":\"null\",\"host\":\"127.0.0.1:" + target.port() + "\",\"body\":null}");
        JsonNode after307 = run("post307", "respond(fazt.net.fetch(T + '" + redirect("/echo") + "&status=307', {method: 'POST', body: {n: 1}}).json())", null);
        assertThat(after307.toString()).isEqualTo("{\"method\":\"POST\",\"type\":\"application/json\",\"host\":\"127.0.0.1:" + target.port()
                + "\",\"body\":{\"n\":1}}");
    }

    @Test
    void theAllowListLimitsHostsAndTheCheckedAddressIsTheOneConnectedTo() {
        String manifest = "{\"fetch\": {\"allow\": [\"svc.test\", \"*.svc.test\"]}}";
        // svc.test exists only in the stub resolver: reaching it proves the connection used the checked address
        JsonNode named = run("allowed", "respond(fazt.net.fetch('http://svc.test:" + target.port() + "/echo').json())", manifest);
        assertThat(named.path("host").asText()).isEqualTo("svc.test:" + target.port());
        JsonNode sub = run("allowedsub", "respond(fazt.net.fetch('http://a.svc.test:" + target.port() + "/echo').json())", manifest);
        assertThat(sub.path("host").asText()).isEqualTo("a.svc.test:" + target.port());
        assertThat(run("notallowed", error("fazt.net.fetch(T + '/json')"), manifest).path("error").asText())
                .isEqualTo("fetch refused: 127.0.0.1 is not in this app's allow-list (manifest.json fetch.allow)");
        assertThat(run("notallowed2", error("fazt.net.fetch('http://other.test/')"), "{\"fetch\": {\"allow\": [\"*.svc.test\"]}}")
                .path("error").asText()).isEqualTo("fetch refused: other.test is not in this app's allow-list (manifest.json fetch.allow)");
        // redirects are held to the list too
        assertThat(run("allowredirect", error("fazt.net.fetch('http://svc.test:" + target.port() + redirect("http://example.com/") + "')"), manifest)
                .path("error").asText()).isEqualTo("fetch refused: example.com is not in this app's allow-list (manifest.json fetch.allow)");
    }

    @Test
    void aSecretReachesTheServerButNeverTheScriptOrTheLogs() {
        run("secret", "respond({ok: true})", null);
        String appId = t.fazt.apps().get("secret").id();
        t.fazt.envVars().set(appId, "API_KEY", "s3cr3t-value");
        target.received.clear();
        JsonNode r = run("secret", "var r = fazt.net.fetch(T + '/echo?key=q-secret', {headers: {Authorization: 'Bearer {{secret:API_KEY}}', 'X-Plain': 'p'}});\n"
                + "console.log('sent', JSON.stringify(r.headers)); respond({status: r.status})", null);
        assertThat(r.path("status").asInt()).isEqualTo(200);
        FetchTarget.Received got = target.received.get(target.received.size() - 1);
        assertThat(got.headers().get("Authorization")).containsExactly("Bearer s3cr3t-value");
        assertThat(got.headers().get("X-plain")).containsExactly("p");

        // across origins a redirect drops the secret header; the first hop still had it
        target.received.clear();
        run("secret", "fazt.net.fetch(T + '" + redirect("http://svc.test:" + target.port() + "/echo") + "', {headers: {Authorization: 'Bearer {{secret:API_KEY}}'}}); respond({ok: true})", null);
        assertThat(target.received).hasSize(2);
        assertThat(target.received.get(0).headers().get("Authorization")).containsExactly("Bearer s3cr3t-value");
        assertThat(target.received.get(1).headers()).doesNotContainKey("Authorization");

        assertThat(run("secret", error("fazt.net.fetch(T + '/echo', {headers: {'X-Key': '{{secret:MISSING}}'}})"), null).path("error").asText())
                .isEqualTo("fetch: no secret named 'MISSING' for the header X-Key; set it with: fazt app env set secret MISSING VALUE");

        t.fazt.functionLogs().flush();
        var lines = t.fazt.functionLogs().query(appId, null, 100, null);
        assertThat(lines).anySatisfy(l -> assertThat(l.message()).matches("fetch GET 127\\.0\\.0\\.1 200 in \\d+ ms"));
        assertThat(lines).anySatisfy(l -> assertThat(l.message()).matches("fetch GET 127\\.0\\.0\\.1 → svc\\.test 200 in \\d+ ms \\(1 redirect\\)"));
        assertThat(lines).allSatisfy(l -> assertThat(l.message()).doesNotContain("s3cr3t").doesNotContain("q-secret").doesNotContain("/echo"));
    }

    @Test
    void fetchesPerAppAreCapped() throws Exception {
        Map<String, Object> files = Map.of("index.html", "x", "api/main.js", "var T = " + FetchGuardTest.quote(target.base()) + ";\n"
                + "var path = request.query.p; try { respond({status: fazt.net.fetch(T + path).status}) } catch (e) { respond({error: e.message}) }");
        assertThat(t.deploy("capped", TestInstance.zip(files)).statusCode()).isEqualTo(200);
        CompletableFuture<HttpResponse<byte[]>> first = CompletableFuture.supplyAsync(() -> t.get("capped.localhost", "/api?p=/hold"));
        assertThat(target.arrival("/hold").await(30, TimeUnit.SECONDS)).isTrue();
        JsonNode second = TestInstance.json(t.get("capped.localhost", "/api?p=/json"));
        assertThat(second.path("error").asText()).isEqualTo("fetch refused: this app already has 1 fetches running (fetch_concurrency)");
        target.release.countDown();
        assertThat(TestInstance.json(first.get(30, TimeUnit.SECONDS)).path("status").asInt()).isEqualTo(200);
        assertThat(TestInstance.json(t.get("capped.localhost", "/api?p=/json")).path("status").asInt()).isEqualTo(200);
    }

    @Test
    void theOwnerCanNarrowAnAppsHostsWithAnEnvVar() {
        run("narrowed", "respond({ok: true})", null);
        String appId = t.fazt.apps().get("narrowed").id();
        assertThatThrownBy(() -> t.fazt.envVars().set(appId, "FAZT_FETCH_ALLOW", "svc.test, https://x/"))
                .hasMessageContaining("FAZT_FETCH_ALLOW: each item must be a host name");
        t.fazt.envVars().set(appId, "FAZT_FETCH_ALLOW", "svc.test");
        assertThat(run("narrowed", error("fazt.net.fetch(T + '/json')"), null).path("error").asText())
                .isEqualTo("fetch refused: 127.0.0.1 is not in this app's allow-list (the owner's FAZT_FETCH_ALLOW)");
        assertThat(run("narrowed", "respond(fazt.net.fetch('http://svc.test:" + target.port() + "/json').json())", null).toString())
                .isEqualTo("{\"hello\":\"world\"}");
        t.fazt.envVars().remove(appId, "FAZT_FETCH_ALLOW");
        assertThat(run("narrowed", "respond({s: fazt.net.fetch(T + '/json').status})", null).toString()).isEqualTo("{\"s\":200}");
    }
}
