package fazt.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.identity.Scope;
import fazt.server.TestInstance;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the dashboard's System and Users pages rely on the engine to refuse, over real HTTP. */
class SettingsAndOwnerApiTest {
    final TestInstance t = new TestInstance();
    final String admin = t.fazt.apiKeys().create("admin", Scope.ADMIN).token();

    @AfterEach
    void stop() {
        t.close();
    }

    HttpResponse<byte[]> call(String method, String path, String json) {
        return t.api(method, path, admin, json == null ? null : json.getBytes(StandardCharsets.UTF_8), json == null ? null : "application/json");
    }

    @Test
    void aSettingWithAValueItCannotHoldIsRefusedInWordsAndNothingIsStored() {
        HttpResponse<byte[]> bad = call("PUT", "/api/system/config", "{\"analytics_retention_days\":\"90\",\"functions_timeout_ms\":\"soon\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(TestInstance.json(bad).get("error").get("message").asText())
                .isEqualTo("setting functions_timeout_ms must be a whole number, not 'soon'");
        assertThat(call("PUT", "/api/system/config", "{\"domain\":\"http://example.com\"}").statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/api/system/config", "{\"trusted_proxies\":\"10.0.0.0/33\"}").statusCode()).isEqualTo(400);
        assertThat(t.fazt.config().get("analytics_retention_days")).isEqualTo("400");

        HttpResponse<byte[]> good = call("PUT", "/api/system/config", "{\"analytics_retention_days\":\"90\",\"trusted_proxies\":\"10.0.0.0/8\"}");
        assertThat(good.statusCode()).isEqualTo(200);
        JsonNode now = TestInstance.json(call("GET", "/api/system/config", null)).get("data");
        assertThat(now.get("analytics_retention_days").asText()).isEqualTo("90");
        assertThat(now.get("trusted_proxies").asText()).isEqualTo("10.0.0.0/8");
    }

    @Test
    void theOwnersRoleCannotChangeAndTheOwnerCannotBeDeleted() {
        HttpResponse<byte[]> role = call("PUT", "/api/users/owner", "{\"role\":\"user\"}");
        assertThat(role.statusCode()).isEqualTo(409);
        assertThat(TestInstance.json(role).get("error").get("message").asText()).contains("owner's role is always owner");
        HttpResponse<byte[]> delete = call("DELETE", "/api/users/owner", null);
        assertThat(delete.statusCode()).isEqualTo(409);
        assertThat(TestInstance.json(delete).get("error").get("message").asText()).contains("the owner cannot be deleted");
    }
}
