package fazt.server.admin;

import static fazt.server.TestInstance.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.identity.Scope;
import fazt.server.TestInstance;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The routes the MCP tools use on a peer: a new app from a template, one file's bytes, one function call with its logs. */
class AppToolsApiTest {
    final TestInstance t = new TestInstance();
    final String deployKey = t.fazt.apiKeys().create("deployer", Scope.DEPLOY).token();
    final String readKey = t.fazt.apiKeys().create("reader", Scope.READ).token();

    @AfterEach
    void stop() {
        t.close();
    }

    HttpResponse<byte[]> post(String token, String path, String body) {
        return t.api("POST", path, token, body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    @Test
    void aNewAppComesFromATemplateAndNeverOverwritesOne() {
        HttpResponse<byte[]> created = post(deployKey, "/api/apps", "{\"name\":\"fresh\",\"template\":\"static\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("data").get("version").asInt()).isEqualTo(1);
        assertThat(new String(t.get("fresh.localhost", "/").body(), StandardCharsets.UTF_8)).contains("A one-page site");

        HttpResponse<byte[]> again = post(deployKey, "/api/apps", "{\"name\":\"fresh\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("error").get("message").asText()).contains("exists already");
        HttpResponse<byte[]> unknown = post(deployKey, "/api/apps", "{\"name\":\"other\",\"template\":\"nope\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("error").get("message").asText()).contains("unknown template 'nope'").contains("static");
        assertThat(post(deployKey, "/api/apps", "{}").statusCode()).isEqualTo(400);
        assertThat(post(readKey, "/api/apps", "{\"name\":\"sneaky\"}").statusCode()).isEqualTo(403);
        assertThat(t.fazt.apps().find("other")).isEmpty();
        assertThat(t.fazt.apps().find("sneaky")).isEmpty();
    }

    @Test
    void oneFileOfTheActiveVersionAsStored() {
        t.deploy("site", TestInstance.zip(Map.of("index.html", "<p>home</p>", "css/a b.css", "p{}")));
        HttpResponse<byte[]> file = t.api("GET", "/api/apps/site/files/entry?path=css/a%20b.css", readKey, null, null);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(new String(file.body(), StandardCharsets.UTF_8)).isEqualTo("p{}");
        assertThat(file.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        HttpResponse<byte[]> missing = t.api("GET", "/api/apps/site/files/entry?path=nope.html", readKey, null, null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("error").get("message").asText()).contains("no file 'nope.html'");
        assertThat(t.api("GET", "/api/apps/site/files/entry", readKey, null, null).statusCode()).isEqualTo(400);
        assertThat(t.api("GET", "/api/apps/ghost/files/entry?path=index.html", readKey, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aFunctionCallAnswersWithItsOwnLogLines() {
        t.deploy("fn", TestInstance.zip(Map.of("index.html", "fn", "api/main.js", "console.log('saw ' + request.method + ' ' + request.query.q)\n"
                + "respond(201, {echo: request.body})")));
        HttpResponse<byte[]> r = post(deployKey, "/api/apps/fn/call",
                "{\"method\":\"put\",\"path\":\"/api/x?q=7\",\"body\":\"{\\\"a\\\":1}\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode call = json(r).get("data");
        assertThat(call.get("status").asInt()).isEqualTo(201);
        assertThat(call.get("body").asText()).isEqualTo("{\"echo\":{\"a\":1}}");
        assertThat(call.get("logs")).hasSize(1);
        assertThat(call.get("logs").get(0).get("message").asText()).isEqualTo("saw PUT 7");

        HttpResponse<byte[]> outside = post(deployKey, "/api/apps/fn/call", "{\"path\":\"/index.html\"}");
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(json(outside).get("error").get("message").asText()).contains("must start with /api");
        assertThat(post(deployKey, "/api/apps/fn/call", "{\"method\":\"BREW\"}").statusCode()).isEqualTo(400);
        assertThat(post(readKey, "/api/apps/fn/call", "{}").statusCode()).isEqualTo(403);
        assertThat(post(deployKey, "/api/apps/ghost/call", "{}").statusCode()).isEqualTo(404);
    }
}
