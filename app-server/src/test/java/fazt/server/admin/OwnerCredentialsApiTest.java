package fazt.server.admin;

import static fazt.server.TestInstance.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.identity.Scope;
import fazt.server.TestInstance;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code PUT /api/system/owner} and {@code POST /api/system/owner/password}: what
 * {@code fazt server set-credentials} and {@code server init} use when an instance is running.
 */
class OwnerCredentialsApiTest {
    final TestInstance t = new TestInstance();

    @AfterEach
    void close() {
        t.close();
    }

    HttpResponse<byte[]> put(String token, String body) {
        return t.api("PUT", "/api/system/owner", token, body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    @Test
    void newCredentialsEndEveryOwnerSessionAndTheNewPasswordSignsIn() {
        t.fazt.owner().setCredentials("alice", "the first password");
        String cookie = t.fazt.sessions().create(null, false).token();
        HttpResponse<byte[]> changed = put(t.adminToken(), "{\"username\":\"bob\",\"password\":\"the second password\"}");
        assertThat(changed.statusCode()).isEqualTo(200);
        JsonNode data = json(changed).get("data");
        assertThat(data.get("username").asText()).isEqualTo("bob");
        assertThat(data.get("sessions_ended").asInt()).isEqualTo(1);
        assertThat(t.fazt.sessions().find(cookie)).as("the old session is gone").isEmpty();
        assertThat(t.fazt.owner().verify("bob", "the second password")).isTrue();
        assertThat(t.fazt.owner().verify("alice", "the first password")).isFalse();

        HttpResponse<byte[]> keepName = put(t.adminToken(), "{\"password\":\"the third password\"}");
        assertThat(json(keepName).get("data").get("username").asText()).as("no username keeps the current one").isEqualTo("bob");
        assertThat(t.fazt.owner().verify("bob", "the third password")).isTrue();
    }

    @Test
    void aShortPasswordAReadKeyAndNoKeyAreRefusedAndChangeNothing() {
        t.fazt.owner().setCredentials("alice", "the first password");
        HttpResponse<byte[]> shortOne = put(t.adminToken(), "{\"password\":\"short\"}");
        assertThat(shortOne.statusCode()).isEqualTo(400);
        assertThat(json(shortOne).get("error").get("message").asText()).contains("8 to 1024");
        String readKey = t.fazt.apiKeys().create("reader", Scope.READ).token();
        assertThat(put(readKey, "{\"password\":\"a long password\"}").statusCode()).isEqualTo(403);
        assertThat(put(null, "{\"password\":\"a long password\"}").statusCode()).isEqualTo(401);
        assertThat(t.fazt.owner().verify("alice", "the first password")).isTrue();
    }

    @Test
    void aPasswordIsGeneratedOnlyForAnOwnerWithoutOne() {
        HttpResponse<byte[]> first = t.api("POST", "/api/system/owner/password", t.adminToken(), new byte[0], null);
        String password = json(first).get("data").get("password").asText();
        assertThat(password).matches("[a-z2-9-]{23}");
        assertThat(t.fazt.owner().verify("admin", password)).isTrue();
        HttpResponse<byte[]> again = t.api("POST", "/api/system/owner/password", t.adminToken(), new byte[0], null);
        assertThat(json(again).get("data").path("password").textValue()).as("shown once, never again").isNull();
    }
}
