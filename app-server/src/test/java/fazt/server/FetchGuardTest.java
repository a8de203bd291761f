package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.net.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * fazt.net.fetch with the SSRF guard as shipped (no private network allowed): every internal
 * address is refused before a connection is made, even though a real server listens on loopback.
 */
class FetchGuardTest {
    static TestInstance t;
    static FetchTarget target;

    @BeforeAll
    static void start() throws Exception {
        target = new FetchTarget();
        t = new TestInstance(Map.of("functions_timeout_ms", "30000")); // the fetch settings as shipped; time for a busy machine
        // names resolved by a stub, not the network: one points at loopback, one at a private address
        t.fazt.outboundFetch().resolveNamesWith(host -> switch (host) {
            case "intranet.test" -> List.of(InetAddress.getByName("127.0.0.1"));
            case "mixed.test" -> List.of(InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.1.2.3"));
            case "localhost" -> HostResolver.system().resolve(host); // from the hosts file, no network
            default -> throw new UnknownHostException(host);
        });
    }

    @AfterAll
    static void stop() {
        t.close();
        target.close();
    }

    /** Deploys a function that fetches {@code url} and answers the status or the error's message. */
    static JsonNode fetch(TestInstance t, String app, String url, String manifest) {
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("index.html", "fetch test"); // a bundle of api/ alone would be unwrapped to its root
        files.put("api/main.js", "try { var r = fazt.net.fetch(" + quote(url) + "); respond({status: r.status, body: r.text()}) }\n"
                + "catch (e) { respond({error: e.message, isError: e instanceof Error}) }");
        if (manifest != null) files.put("manifest.json", manifest);
        assertThat(t.deploy(app, TestInstance.zip(files)).statusCode()).isEqualTo(200);
        return TestInstance.json(t.get(app + ".localhost", "/api"));
    }

    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String refusal(String url) {
        JsonNode r = fetch(t, "guard", url, null);
        assertThat(r.path("isError").asBoolean()).as("a JS Error for %s: %s", url, r).isTrue();
        return r.path("error").asText();
    }

    @Test
    void loopbackInEveryFormIsRefusedWithoutAConnection() {
        int port = target.port();
        int before = target.hits.get();
        assertThat(refusal("http://127.0.0.1:" + port + "/json")).isEqualTo("fetch refused: 127.0.0.1 is a loopback address");
        assertThat(refusal("http://[::1]:" + port + "/json")).isEqualTo("fetch refused: ::1 is a loopback address");
        assertThat(refusal("http://[::ffff:127.0.0.1]:" + port + "/json")).isEqualTo("fetch refused: ::ffff:127.0.0.1 is a loopback address");
        assertThat(refusal("http://localhost:" + port + "/json")).startsWith("fetch refused: localhost resolves to ").endsWith("a loopback address");
        assertThat(refusal("http://0.0.0.0:" + port + "/json")).isEqualTo("fetch refused: 0.0.0.0 is an unspecified address");
        assertThat(target.hits.get()).isEqualTo(before);
    }

    @Test
    void aNameResolvingToLoopbackIsRefusedAfterResolution() {
        int before = target.hits.get();
        assertThat(refusal("http://intranet.test:" + target.port() + "/json"))
                .isEqualTo("fetch refused: intranet.test resolves to 127.0.0.1, a loopback address");
        // one bad address among good ones refuses the name: the connection could go to any of them
        assertThat(refusal("http://mixed.test/")).isEqualTo("fetch refused: mixed.test resolves to 10.1.2.3, a private address");
        assertThat(refusal("http://nowhere.test/")).isEqualTo("fetch failed: the host nowhere.test was not found");
        assertThat(target.hits.get()).isEqualTo(before);
    }

    @Test
    void privateLinkLocalMetadataAndSharedAddressesAreRefused() {
        assertThat(refusal("http://10.0.0.5/")).isEqualTo("fetch refused: 10.0.0.5 is a private address");
        assertThat(refusal("http://172.16.3.4/")).isEqualTo("fetch refused: 172.16.3.4 is a private address");
        assertThat(refusal("http://192.168.1.1/")).isEqualTo("fetch refused: 192.168.1.1 is a private address");
        assertThat(refusal("http://169.254.169.254/latest/meta-data/")).isEqualTo("fetch refused: 169.254.169.254 is a cloud metadata address");
        assertThat(refusal("http://169.254.10.1/")).isEqualTo("fetch refused: 169.254.10.1 is a link-local address");
        assertThat(refusal("http://[fd00:ec2::254]/")).isEqualTo("fetch refused: fd00:ec2::254 is a cloud metadata address");
        assertThat(refusal("http://[fe80::1]/")).isEqualTo("fetch refused: fe80::1 is a link-local address");
        assertThat(refusal("http://[fd12:3456::1]/")).isEqualTo("fetch refused: fd12:3456::1 is a private address");
        assertThat(refusal("http://100.64.0.1/")).isEqualTo("fetch refused: 100.64.0.1 is a shared (CGNAT) address");
        assertThat(refusal("http://224.0.0.1/")).isEqualTo("fetch refused: 224.0.0.1 is a multicast address");
        assertThat(refusal("http://[::ffff:10.0.0.5]/")).isEqualTo("fetch refused: ::ffff:10.0.0.5 is a private address");
        assertThat(refusal("http://[::ffff:169.254.169.254]/")).isEqualTo("fetch refused: ::ffff:169.254.169.254 is a cloud metadata address");
        assertThat(refusal("http://[64:ff9b::a00:5]/")).isEqualTo("fetch refused: 64:ff9b::a00:5 is a private address");
        assertThat(refusal("http://metadata.google.internal/computeMetadata/v1/")).isEqualTo("fetch refused: metadata.google.internal is a cloud metadata service");
    }

    @Test
    void onlyHttpAndHttpsAreFetched() {
        assertThat(refusal("file:///etc/passwd")).isEqualTo("fetch refused: only http and https URLs can be fetched, not file:");
        assertThat(refusal("ftp://example.com/x")).isEqualTo("fetch refused: only http and https URLs can be fetched, not ftp:");
        assertThat(refusal("/relative")).isEqualTo("fetch refused: only http and https URLs can be fetched, not a relative URL");
        assertThat(refusal("http://user:pw@example.com/")).startsWith("fetch refused: user names and passwords in a URL are not sent");
    }

    @Test
    void refusalsAreLoggedWithoutThePathOrQuery() {
        fetch(t, "logged", "http://10.9.8.7/private/path?token=hunter2", null);
        t.fazt.functionLogs().flush();
        var lines = t.fazt.functionLogs().query(t.fazt.apps().get("logged").id(), null, 10, null);
        assertThat(lines).anySatisfy(l -> assertThat(l.message())
                .matches("fetch GET 10\\.9\\.8\\.7 failed in \\d+ ms: fetch refused: 10\\.9\\.8\\.7 is a private address"));
        assertThat(lines).noneSatisfy(l -> assertThat(l.message()).contains("hunter2"));
        assertThat(lines).noneSatisfy(l -> assertThat(l.message()).contains("/private/path"));
    }

    @Test
    void aBadAllowListIsRefusedAtDeploy() {
        Map<String, Object> files = Map.of("api/main.js", "1", "manifest.json", "{\"fetch\": {\"allow\": \"example.com\"}}");
        var r = t.deploy("badallow", TestInstance.zip(files));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestInstance.json(r).path("error").path("message").asText()).contains("\"fetch.allow\" must be a list of host names");
        files = Map.of("api/main.js", "1", "manifest.json", "{\"fetch\": {\"allow\": [\"https://example.com/\"]}}");
        r = t.deploy("badallow", TestInstance.zip(files));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestInstance.json(r).path("error").path("message").asText()).contains("fetch.allow[0] must be a host name");
    }
}
