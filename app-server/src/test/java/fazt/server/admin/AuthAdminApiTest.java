package fazt.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.identity.Scope;
import fazt.core.identity.Users;
import fazt.server.TestInstance;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /api/auth/providers}, {@code /api/users}, {@code /api/invites} over real HTTP. */
class AuthAdminApiTest {
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
    void providersKeepTheSecretToThemselves() {
        HttpResponse<byte[]> put = call("PUT", "/api/auth/providers/google", "{\"client_id\":\"gid\",\"client_secret\":\"very-secret\"}");
        assertThat(put.statusCode()).isEqualTo(200);
        JsonNode google = TestInstance.json(put).get("data");
        assertThat(google.get("issuer").asText()).isEqualTo("https://accounts.google.com");
        assertThat(google.get("protocol").asText()).isEqualTo("oidc");
        assertThat(google.get("secret_set").asBoolean()).isTrue();
        assertThat(google.get("enabled").asBoolean()).isTrue();

        assertThat(call("PUT", "/api/auth/providers/google", "{\"enabled\":false}").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> list = call("GET", "/api/auth/providers", null);
        assertThat(new String(list.body(), StandardCharsets.UTF_8)).doesNotContain("very-secret");
        assertThat(TestInstance.json(list).get("data").get(0).get("enabled").asBoolean()).isFalse();
        assertThat(TestInstance.json(list).get("data").get(0).get("client_id").asText()).isEqualTo("gid");

        JsonNode noIssuer = TestInstance.json(call("PUT", "/api/auth/providers/keycloak", "{\"client_id\":\"k\",\"client_secret\":\"s\"}"));
        assertThat(noIssuer.get("error").get("message").asText()).contains("--issuer");
        assertThat(call("PUT", "/api/auth/providers/keycloak",
                "{\"client_id\":\"k\",\"client_secret\":\"s\",\"issuer\":\"http://id.example.com/realms/x\"}").statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/api/auth/providers/keycloak",
                "{\"client_id\":\"k\",\"client_secret\":\"s\",\"issuer\":\"https://id.example.com/realms/x/\"}").statusCode()).isEqualTo(200);
        assertThat(call("PUT", "/api/auth/providers/Bad%20Name", "{\"client_id\":\"k\",\"client_secret\":\"s\"}").statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/api/auth/providers/github", "{\"client_id\":\"k\"}").statusCode()).isEqualTo(400);

        assertThat(call("DELETE", "/api/auth/providers/keycloak", null).statusCode()).isEqualTo(200);
        assertThat(call("DELETE", "/api/auth/providers/keycloak", null).statusCode()).isEqualTo(404);
        String read = t.fazt.apiKeys().create("read", Scope.READ).token();
        assertThat(t.api("GET", "/api/auth/providers", read, null, null).statusCode()).isEqualTo(403);
        assertThat(t.api("GET", "/api/users", null, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void usersAreListedPromotedAndDeleted() {
        Users.User u = t.fazt.users().signIn(new Users.SignIn("google", "g-1", "ann@example.com", true, "Ann", null));
        JsonNode list = TestInstance.json(call("GET", "/api/users", null)).get("data");
        assertThat(list.get(0).get("email").asText()).isEqualTo("ann@example.com");
        assertThat(list.get(0).get("role").asText()).isEqualTo("user");
        assertThat(TestInstance.json(call("PUT", "/api/users/" + u.id(), "{\"role\":\"admin\"}")).get("data").get("role").asText())
                .isEqualTo("admin");
        assertThat(call("PUT", "/api/users/" + u.id(), "{\"role\":\"owner\"}").statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/api/users/usr_nobody", "{\"role\":\"user\"}").statusCode()).isEqualTo(404);
        String cookie = t.fazt.sessions().create(u.id(), false).token();
        assertThat(call("DELETE", "/api/users/" + u.id(), null).statusCode()).isEqualTo(200);
        assertThat(t.fazt.sessions().find(cookie)).isEmpty();
    }

    @Test
    void invitesAreCreatedListedAndDeleted() {
        HttpResponse<byte[]> created = call("POST", "/api/invites", "{\"role\":\"admin\",\"max_uses\":3,\"valid_days\":2}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode invite = TestInstance.json(created).get("data");
        assertThat(invite.get("code").asText()).matches("[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}");
        assertThat(invite.get("max_uses").asInt()).isEqualTo(3);
        assertThat(invite.get("expires_at").asLong()).isGreaterThan(System.currentTimeMillis());
        JsonNode forever = TestInstance.json(call("POST", "/api/invites", "{\"valid_days\":0}")).get("data");
        assertThat(forever.get("role").asText()).isEqualTo("user");
        assertThat(forever.has("expires_at")).isFalse();
        assertThat(TestInstance.json(call("GET", "/api/invites", null)).get("data")).hasSize(2);
        assertThat(call("POST", "/api/invites", "{\"role\":\"owner\"}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/invites", "{\"max_uses\":0}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/invites", "{\"valid_days\":-1}").statusCode()).isEqualTo(400);
        assertThat(call("DELETE", "/api/invites/" + invite.get("code").asText(), null).statusCode()).isEqualTo(200);
        assertThat(call("DELETE", "/api/invites/" + invite.get("code").asText(), null).statusCode()).isEqualTo(404);
    }
}
