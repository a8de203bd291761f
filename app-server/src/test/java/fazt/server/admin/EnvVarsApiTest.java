package fazt.server.admin;

import static fazt.server.TestInstance.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.identity.Scope;
import fazt.core.logs.LogHub;
import fazt.server.TestInstance;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /api/envvars} (SPEC §4.2, §8) over real HTTP. */
class EnvVarsApiTest {
    final TestInstance t = new TestInstance();
    final String admin = t.fazt.apiKeys().create("admin", Scope.ADMIN).token();
    final String blogId = json(t.deploy("blog", TestInstance.zip(Map.of("index.html", "b")))).get("data").get("id").asText();

    @AfterEach
    void stop() {
        t.close();
    }

    HttpResponse<byte[]> post(String token, String body) {
        return t.api("POST", "/api/envvars", token, body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    @Test
    void setListReplaceAndDelete() {
        HttpResponse<byte[]> created = post(admin, "{\"app\":\"blog\",\"key\":\"API_KEY\",\"value\":\"k-1\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("data").toString()).isEqualTo("{\"app\":\"blog\",\"key\":\"API_KEY\"}");
        assertThat(post(admin, "{\"app\":\"" + blogId + "\",\"key\":\"DEBUG\",\"value\":\"\"}").statusCode()).isEqualTo(201);
        post(admin, "{\"app\":\"blog\",\"key\":\"API_KEY\",\"value\":\"k-2\"}");

        JsonNode vars = json(t.api("GET", "/api/envvars?app=blog", admin, null, null)).get("data");
        assertThat(vars.toString()).isEqualTo("{\"API_KEY\":\"k-2\",\"DEBUG\":\"\"}");
        assertThat(t.fazt.envVars().all(blogId)).containsEntry("API_KEY", "k-2");

        assertThat(t.api("DELETE", "/api/envvars?app=blog&key=DEBUG", admin, null, null).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> again = t.api("DELETE", "/api/envvars?app=blog&key=DEBUG", admin, null, null);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(json(again).get("error").get("message").asText()).contains("has no env var 'DEBUG'");
        assertThat(json(t.api("GET", "/api/envvars?app=" + blogId, admin, null, null)).get("data").toString())
                .isEqualTo("{\"API_KEY\":\"k-2\"}");
    }

    @Test
    void invalidInputIsRefusedAndNothingStored() {
        String[] bad = {
            "{\"app\":\"blog\",\"key\":\"1BAD\",\"value\":\"v\"}",
            "{\"app\":\"blog\",\"key\":\"has-dash\",\"value\":\"v\"}",
            "{\"app\":\"blog\",\"key\":\"" + "K".repeat(129) + "\",\"value\":\"v\"}",
            "{\"app\":\"blog\",\"value\":\"v\"}",
            "{\"app\":\"blog\",\"key\":\"BIG\",\"value\":\"" + "x".repeat(32 * 1024 + 1) + "\"}",
            "{\"app\":\"blog\",\"key\":\"OBJ\",\"value\":{\"a\":1}}",
            "{\"app\":\"blog\",\"key\":\"NONE\"}",
            "{\"key\":\"NOAPP\",\"value\":\"v\"}",
        };
        for (String body : bad) {
            HttpResponse<byte[]> r = post(admin, body);
            assertThat(r.statusCode()).as(body.length() > 80 ? body.substring(0, 80) : body).isEqualTo(400);
            assertThat(json(r).get("error").get("code").asText()).isEqualTo("INVALID_REQUEST");
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("xxxxxxxx");
        }
        assertThat(post(admin, "{\"app\":\"nope\",\"key\":\"A\",\"value\":\"v\"}").statusCode()).isEqualTo(404);
        assertThat(t.api("GET", "/api/envvars", admin, null, null).statusCode()).isEqualTo(400);
        assertThat(t.api("GET", "/api/envvars?app=nope", admin, null, null).statusCode()).isEqualTo(404);
        assertThat(t.api("DELETE", "/api/envvars?app=blog", admin, null, null).statusCode()).isEqualTo(400);
        assertThat(t.fazt.envVars().all(blogId)).isEmpty();
        assertThat(post(admin, "{\"app\":\"blog\",\"key\":\"FITS\",\"value\":\"" + "x".repeat(32 * 1024) + "\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void onlyAdminKeysReachEnvVars() {
        post(admin, "{\"app\":\"blog\",\"key\":\"A\",\"value\":\"1\"}");
        for (Scope scope : new Scope[] {Scope.READ, Scope.DEPLOY}) {
            String token = t.fazt.apiKeys().create(scope.id(), scope).token();
            HttpResponse<byte[]> read = t.api("GET", "/api/envvars?app=blog", token, null, null);
            assertThat(read.statusCode()).isEqualTo(403);
            assertThat(new String(read.body(), StandardCharsets.UTF_8)).doesNotContain("\"1\"").contains("needs admin");
            assertThat(post(token, "{\"app\":\"blog\",\"key\":\"B\",\"value\":\"2\"}").statusCode()).isEqualTo(403);
            assertThat(t.api("DELETE", "/api/envvars?app=blog&key=A", token, null, null).statusCode()).isEqualTo(403);
            assertThat(t.api("GET", "/api/logs", token, null, null).statusCode()).isEqualTo(200);
        }
        assertThat(t.fazt.envVars().all(blogId)).containsExactly(Map.entry("A", "1"));
    }

    @Test
    void valuesNeverAppearInAnyLog() {
        String secret = "s3cr3t-9f2c-value";
        post(admin, "{\"app\":\"blog\",\"key\":\"SECRET_TOKEN\",\"value\":\"" + secret + "\"}");
        t.api("GET", "/api/envvars?app=blog", admin, null, null);
        post(admin, "{\"app\":\"blog\",\"key\":\"bad-key\",\"value\":\"" + secret + "\"}");
        t.api("DELETE", "/api/envvars?app=blog&key=SECRET_TOKEN", admin, null, null);
        // the change itself is logged (by key), so the hub does see these requests
        assertThat(LogHub.shared().recent(2000)).anySatisfy(e -> assertThat(e.message()).contains("SECRET_TOKEN"));
        assertThat(LogHub.shared().recent(2000)).noneSatisfy(e -> assertThat(e.message()).contains(secret));
        assertThat(new String(t.api("GET", "/api/logs?limit=1000", admin, null, null).body(), StandardCharsets.UTF_8))
                .doesNotContain(secret);
    }

    @Test
    void removingAnAppTakesItsEnvVarsAlong() {
        post(admin, "{\"app\":\"blog\",\"key\":\"A\",\"value\":\"1\"}");
        assertThat(t.api("DELETE", "/api/apps/blog", admin, null, null).statusCode()).isEqualTo(200);
        t.deploy("blog", TestInstance.zip(Map.of("index.html", "again")));
        assertThat(json(t.api("GET", "/api/envvars?app=blog", admin, null, null)).get("data")).isEmpty();
    }
}
