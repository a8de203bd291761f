package fazt.server.admin;

import static fazt.server.TestInstance.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.identity.Scope;
import fazt.core.peers.Pairing;
import fazt.server.TestInstance;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code POST /api/peers/pair} and the registry routes (SPEC §10.2) over real HTTP. */
class PairingApiTest {
    static HttpResponse<byte[]> pair(TestInstance t, String code, String name) {
        String body = "{\"code\":" + (code == null ? "null" : "\"" + code + "\"") + ",\"name\":\"" + name + "\"}";
        return t.api("POST", "/api/peers/pair", null, body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    static String errorCode(HttpResponse<byte[]> r) {
        return json(r).get("error").get("code").asText();
    }

    @Test
    void aCodeFromTheApiBuysOneAdminKeyWithoutAuth() {
        try (TestInstance t = new TestInstance()) {
            assertThat(t.api("POST", "/api/peers/pairing-code", null, null, null).statusCode()).isEqualTo(401);
            String readKey = t.fazt.apiKeys().create("reader", Scope.READ).token();
            assertThat(t.api("POST", "/api/peers/pairing-code", readKey, null, null).statusCode()).isEqualTo(403);
            HttpResponse<byte[]> minted = t.api("POST", "/api/peers/pairing-code", t.adminToken(), null, null);
            assertThat(minted.statusCode()).isEqualTo(201);
            String code = json(minted).get("data").get("code").asText();

            HttpResponse<byte[]> paired = pair(t, code, "laptop");
            assertThat(paired.statusCode()).isEqualTo(200);
            JsonNode data = json(paired).get("data");
            assertThat(data.get("version").asText()).isEqualTo(t.fazt.health().version());
            assertThat(t.fazt.apiKeys().verify(data.get("token").asText())).contains(Scope.ADMIN);
            assertThat(t.fazt.apiKeys().list()).anySatisfy(k -> {
                assertThat(k.id()).isEqualTo(data.get("key_id").asText());
                assertThat(k.name()).isEqualTo("peer laptop");
            });

            HttpResponse<byte[]> again = pair(t, code, "laptop");
            assertThat(again.statusCode()).isEqualTo(410);
            assertThat(errorCode(again)).isEqualTo("CODE_USED");
        }
    }

    @Test
    void anExpiredCodeIsGone() {
        try (TestInstance t = new TestInstance()) {
            // minted by a clock eleven minutes behind: expired by the time the real one redeems it
            Pairing past = new Pairing(t.fazt.database(), t.fazt.apiKeys(), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-11)));
            HttpResponse<byte[]> r = pair(t, past.mint().code(), "laptop");
            assertThat(r.statusCode()).isEqualTo(410);
            assertThat(errorCode(r)).isEqualTo("CODE_EXPIRED");
            assertThat(json(r).get("error").get("message").asText()).contains("expired", "10 minutes");
        }
    }

    @Test
    void badRequestsAreRefusedClearly() {
        try (TestInstance t = new TestInstance()) {
            HttpResponse<byte[]> malformed = pair(t, "nope", "laptop");
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(errorCode(malformed)).isEqualTo("INVALID_CODE");
            assertThat(pair(t, null, "laptop").statusCode()).isEqualTo(400);
            HttpResponse<byte[]> notJson = t.api("POST", "/api/peers/pair", null, "{".getBytes(StandardCharsets.UTF_8), "application/json");
            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(t.api("GET", "/api/peers/pair", null, null, null).statusCode()).isEqualTo(405);
            assertThat(t.api("GET", "/api/peers", null, null, null).statusCode()).isEqualTo(401);
            HttpResponse<byte[]> noSuch = t.api("DELETE", "/api/peers/nope", t.adminToken(), null, null);
            assertThat(noSuch.statusCode()).isEqualTo(404);
            HttpResponse<byte[]> neither = t.api("POST", "/api/peers", t.adminToken(),
                    "{\"name\":\"x\",\"url\":\"http://127.0.0.1:1\"}".getBytes(StandardCharsets.UTF_8), "application/json");
            assertThat(neither.statusCode()).isEqualTo(400);
            assertThat(json(neither).get("error").get("message").asText()).contains("either a pairing code");
        }
    }

    @Test
    void wrongCodesFromOneAddressAreThrottled() {
        try (TestInstance t = new TestInstance()) {
            String good = t.fazt.pairing().mint().code();
            String wrong = good.equals("AAAA-AAAA") ? "BBBB-BBBB" : "AAAA-AAAA";
            for (int i = 0; i < 10; i++) {
                HttpResponse<byte[]> r = pair(t, wrong, "guesser");
                assertThat(r.statusCode()).as("attempt %d", i + 1).isEqualTo(400);
                assertThat(errorCode(r)).isEqualTo("INVALID_CODE");
            }
            HttpResponse<byte[]> blocked = pair(t, good, "guesser");
            assertThat(blocked.statusCode()).isEqualTo(429);
            assertThat(errorCode(blocked)).isEqualTo("TOO_MANY_ATTEMPTS");
            assertThat(json(blocked).get("error").get("message").asText()).contains("try again in");
            assertThat(t.fazt.pairing().redeem(good, "laptop").token()).as("the blocked attempt did not use the code").isNotBlank();
        }
    }

    @Test
    void registryRoutesNeverShowTokens() {
        try (TestInstance a = new TestInstance(); TestInstance b = new TestInstance()) {
            String code = b.fazt.pairing().mint().code();
            HttpResponse<byte[]> added = a.api("POST", "/api/peers", a.adminToken(), ("{\"name\":\"b\",\"url\":\"http://127.0.0.1:" + b.port()
                    + "\",\"code\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8), "application/json");
            assertThat(added.statusCode()).as(new String(added.body(), StandardCharsets.UTF_8)).isEqualTo(201);
            assertThat(json(added).get("data").get("name").asText()).isEqualTo("b");
            String all = new String(added.body(), StandardCharsets.UTF_8)
                    + new String(a.api("GET", "/api/peers", a.adminToken(), null, null).body(), StandardCharsets.UTF_8)
                    + new String(a.api("PUT", "/api/peers/b/default", a.adminToken(), null, null).body(), StandardCharsets.UTF_8)
                    + new String(a.api("GET", "/api/peers/status", a.adminToken(), null, null).body(), StandardCharsets.UTF_8)
                    + new String(a.api("GET", "/api/peers/b/status", a.adminToken(), null, null).body(), StandardCharsets.UTF_8);
            assertThat(all).contains("\"is_default\":true", "\"status\":\"online\"").doesNotContain("token").doesNotContain("fzt_");
            HttpResponse<byte[]> removed = a.api("DELETE", "/api/peers/b", a.adminToken(), null, null);
            assertThat(json(removed).get("data").get("revoked").asBoolean()).isTrue();
        }
    }
}
