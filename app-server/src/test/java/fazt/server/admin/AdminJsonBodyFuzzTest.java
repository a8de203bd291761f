package fazt.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import fazt.server.TestInstance;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * The admin API's request bodies under arbitrary bytes (docs/testing.md), sent over real HTTP to a
 * real server: every answer is a success or a 4xx whose JSON error says what is wrong, never a 500.
 * The routes are the ones that read a body: deploy options (a multipart form), environment
 * variables, keys, users, invites, aliases and settings.
 */
class AdminJsonBodyFuzzTest {
    private record Target(String method, String path, String contentType) {}

    private static final String BOUNDARY = "fuzzBoundary";
    private static final List<Target> TARGETS = List.of(
            new Target("POST", "/api/deploy", "multipart/form-data; boundary=" + BOUNDARY),
            new Target("POST", "/api/envvars", "application/json"),
            new Target("DELETE", "/api/envvars", "application/json"),
            new Target("POST", "/api/keys", "application/json"),
            new Target("PUT", "/api/users/u_fuzz", "application/json"),
            new Target("POST", "/api/invites", "application/json"),
            new Target("POST", "/api/aliases", "application/json"),
            new Target("PUT", "/api/system/config", "application/json"));
    private static final TestInstance SERVER = new TestInstance();

    @AfterAll
    static void close() {
        SERVER.close();
    }

    /** The last byte picks the route; the rest is the body. */
    @FuzzTest(maxDuration = "5m")
    void anyBodyIsAnsweredWithoutServerError(FuzzedDataProvider data) {
        Target target = data.pickValue(TARGETS);
        byte[] body = data.consumeRemainingAsBytes();
        HttpResponse<byte[]> r;
        // Jazzer's SSRF detector flags every connection while fuzzing; this one, to the server under test, is the point
        try (SilentCloseable toTheServer = BugDetectors.allowNetworkConnections((host, port) -> port == SERVER.port())) {
            r = SERVER.api(target.method(), target.path(), SERVER.adminToken(), body, target.contentType());
        }
        String said = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as("%s %s answered %s", target.method(), target.path(), said).isLessThan(500);
        if (r.statusCode() >= 400) {
            JsonNode error = TestInstance.json(r).path("error");
            assertThat(error.path("code").asText()).isNotBlank();
            assertThat(error.path("message").asText()).as(said).isNotBlank();
        }
    }
}
