package fazt.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.identity.Scope;
import fazt.server.TestInstance;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/templates} and {@code POST /api/apps}: a new app from a template over the admin API. */
class TemplatesApiTest {
    final TestInstance t = new TestInstance();

    @AfterEach
    void stop() {
        t.close();
    }

    String key(Scope scope) {
        return t.fazt.apiKeys().create("test " + scope.id(), scope).token();
    }

    HttpResponse<byte[]> create(String token, String body) {
        return t.api("POST", "/api/apps", token, body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    @Test
    void aDeployKeyCreatesAnAppFromATemplateWithinItsScope() {
        String read = key(Scope.READ);
        String deploy = key(Scope.DEPLOY);
        JsonNode templates = TestInstance.json(t.api("GET", "/api/templates", read, null, null)).get("data");
        assertThat(templates.findValuesAsText("name")).containsExactly("static", "spa", "api", "auth", "realtime");

        HttpResponse<byte[]> created = create(deploy, "{\"name\": \"notes\", \"template\": \"auth\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(TestInstance.json(created).get("data").get("version").asInt()).isEqualTo(1);
        assertThat(t.get("notes.localhost", "/api/notes").statusCode()).as("its function answers").isEqualTo(401);
        assertThat(new String(t.get("notes.localhost", "/").body(), StandardCharsets.UTF_8)).contains("<h1>notes</h1>");

        assertThat(create(deploy, "{\"name\": \"notes\", \"template\": \"static\"}").statusCode()).isEqualTo(409);
        HttpResponse<byte[]> unknown = create(deploy, "{\"name\": \"x\", \"template\": \"blog\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("the templates are: static, spa, api, auth");
        assertThat(create(deploy, "{\"template\": \"static\"}").statusCode()).isEqualTo(400);
        assertThat(create(read, "{\"name\": \"y\"}").statusCode()).isEqualTo(403);
        assertThat(create(deploy, "{\"name\": \"root\"}").statusCode()).as("the landing page exists").isEqualTo(409);
        assertThat(create(deploy, "{\"name\": \"404\"}").statusCode()).as("a system app needs an admin key").isEqualTo(403);
        assertThat(create(key(Scope.ADMIN), "{\"name\": \"plain\"}").statusCode()).isEqualTo(201);
        assertThat(t.fazt.apps().files("plain")).extracting(f -> f.path()).contains("index.html", "style.css");
    }
}
