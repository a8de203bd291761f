package fazt.server.mcp;

import static fazt.server.mcp.McpClients.ok;
import static fazt.server.mcp.McpClients.refused;
import static fazt.server.mcp.McpClients.toolNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.identity.Scope;
import fazt.server.TestInstance;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /mcp} with the SDK's client on a real instance: scopes, a whole agent session, bad input, resources and prompts. */
class McpHttpEndpointTest {
    static final String FUNCTION = """
            console.log("called " + request.method + " " + request.path);
            respond({ greeting: fazt.env.get("GREETING", "none"), got: request.body })
            """;

    static TestInstance t;

    @BeforeAll
    static void start() {
        t = new TestInstance(Map.of("max_upload_bytes", String.valueOf(256 * 1024), "max_expanded_bytes", String.valueOf(512 * 1024),
                "mcp_calls_per_minute", "40"));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static String key(String name, Scope scope) {
        return t.fazt.apiKeys().create(name, scope).token();
    }

    @Test
    void aReadKeySeesAndMayCallOnlyReadTools() {
        try (McpSyncClient reader = McpClients.http(t, key("reader", Scope.READ));
                McpSyncClient admin = McpClients.http(t, key("admin", Scope.ADMIN))) {
            assertThat(toolNames(reader)).contains("list_apps", "app_info", "read_logs", "kv_get", "docs_find", "stats", "health")
                    .doesNotContain("create_app", "write_files", "deploy", "rollback", "delete_app", "call_function", "set_env",
                            "get_env", "list_peers");
            assertThat(toolNames(admin)).contains("create_app", "write_files", "deploy", "delete_app", "set_env", "list_peers");
            McpSchema.Tool delete = admin.listTools().tools().stream().filter(x -> x.name().equals("delete_app")).findFirst().orElseThrow();
            assertThat(delete.annotations().readOnlyHint()).isFalse();
            assertThat(delete.annotations().destructiveHint()).isTrue();
            McpSchema.Tool list = admin.listTools().tools().stream().filter(x -> x.name().equals("list_apps")).findFirst().orElseThrow();
            assertThat(list.annotations().readOnlyHint()).isTrue();

            assertThat(refused(reader, "create_app", Map.of("app", "sneaky"))).contains("needs a key with scope deploy");
            assertThat(t.fazt.apps().find("sneaky")).isEmpty();
        }
    }

    @Test
    void anAgentCreatesEditsDeploysCallsAndRollsBackAnApp() {
        try (McpSyncClient agent = McpClients.http(t, key("builder", Scope.ADMIN))) {
            Map<String, Object> created = ok(agent, "create_app", Map.of("app", "hello", "template", "static"));
            assertThat(created).containsEntry("app", "hello").containsEntry("version", 1);
            assertThat(body(t.get("hello.localhost", "/"))).contains("A one-page site");

            Map<String, Object> written = ok(agent, "write_files", Map.of("app", "hello", "files",
                    Map.of("index.html", "<h1>Made by an agent</h1>", "api/main.js", FUNCTION)));
            assertThat(written).containsEntry("changed", 2).containsEntry("files", 4); // the template's three files and api/main.js
            assertThat(body(t.get("hello.localhost", "/"))).contains("A one-page site"); // nothing live before deploy
            assertThat(ok(agent, "deploy", Map.of("app", "hello"))).containsEntry("version", 2);
            assertThat(body(t.get("hello.localhost", "/"))).contains("Made by an agent");

            Map<String, Object> call = ok(agent, "call_function", Map.of("app", "hello", "method", "POST", "path", "/api/items",
                    "body", "{\"n\": 1}"));
            assertThat(call).containsEntry("status", 200);
            assertThat((String) call.get("body")).contains("\"greeting\":\"none\"").contains("\"n\":1");
            assertThat(call.get("logs").toString()).contains("called POST /api/items");

            ok(agent, "set_env", Map.of("app", "hello", "key", "GREETING", "value", "secret-hi"));
            assertThat(ok(agent, "get_env", Map.of("app", "hello"))).containsEntry("keys", List.of("GREETING"))
                    .doesNotContainValue("secret-hi");
            assertThat((String) ok(agent, "call_function", Map.of("app", "hello")).get("body")).contains("secret-hi");
            assertThat(ok(agent, "read_logs", Map.of("app", "hello")).get("lines").toString()).contains("called GET /api");

            assertThat(ok(agent, "list_versions", Map.of("app", "hello")).get("versions").toString()).contains("version=2");
            assertThat(ok(agent, "rollback", Map.of("app", "hello"))).containsEntry("version", 1);
            assertThat(body(t.get("hello.localhost", "/"))).contains("A one-page site");
        }
    }

    @Test
    void badInputGetsAnErrorAndChangesNothing() {
        try (McpSyncClient agent = McpClients.http(t, key("careless", Scope.ADMIN))) {
            ok(agent, "create_app", Map.of("app", "safe"));
            assertThatThrownBy(() -> agent.callTool(new McpSchema.CallToolRequest("run_shell", Map.of("cmd", "ls"))))
                    .isInstanceOf(McpError.class).hasMessageContaining("Unknown tool");
            refused(agent, "write_files", Map.of("app", "safe", "files", "index.html"));
            refused(agent, "rollback", Map.of("app", "safe", "version", "two"));
            assertThat(refused(agent, "write_files", Map.of("app", "safe", "files", Map.of("../../etc/passwd", "x", "ok.txt", "y"))))
                    .contains("..");
            assertThat(refused(agent, "write_files", Map.of("app", "safe", "files", Map.of("/abs.txt", "x")))).contains("absolute");
            ok(agent, "write_files", Map.of("app", "safe", "files", Map.of("a.txt", "x".repeat(200 * 1024))));
            ok(agent, "write_files", Map.of("app", "safe", "files", Map.of("b.txt", "x".repeat(200 * 1024))));
            assertThat(refused(agent, "write_files", Map.of("app", "safe", "files", Map.of("c.txt", "x".repeat(200 * 1024)))))
                    .contains("at most");
            assertThatThrownBy(() -> agent.callTool(new McpSchema.CallToolRequest("write_files",
                    Map.of("app", "safe", "files", Map.of("d.txt", "x".repeat(300 * 1024)))))).hasMessageContaining("413");
            ok(agent, "write_files", Map.of("app", "safe", "remove", List.of("a.txt", "b.txt")));
            assertThat(refused(agent, "deploy", Map.of("app", "safe", "folder", "/etc"))).contains("'folder' is not defined");
            assertThat(ok(agent, "app_info", Map.of("app", "safe")).get("workingCopy").toString())
                    .contains("index.html", "style.css", "manifest.json").doesNotContain("a.txt", "b.txt");
            assertThat(refused(agent, "delete_app", Map.of("app", "safe", "confirm", "saf"))).contains("confirm");
            assertThat(t.fazt.apps().get("safe").activeVersion()).isEqualTo(1);
            assertThat(t.fazt.apps().files("safe")).extracting(f -> f.path()).containsExactlyInAnyOrder("index.html", "manifest.json", "style.css");

            ok(agent, "write_files", Map.of("app", "lonely", "files", Map.of("api/main.js", FUNCTION)));
            assertThat(refused(agent, "deploy", Map.of("app", "lonely"))).contains("every file is under 'api/'");
            assertThat(t.fazt.apps().find("lonely")).isEmpty();

            ok(agent, "delete_app", Map.of("app", "safe", "confirm", "safe"));
            assertThat(t.fazt.apps().find("safe")).isEmpty();
        }
    }

    @Test
    void eachKeyHasItsOwnRateLimit() {
        try (McpSyncClient busy = McpClients.http(t, key("busy", Scope.READ)); McpSyncClient calm = McpClients.http(t, key("calm", Scope.READ))) {
            for (int i = 0; i < 40; i++) ok(busy, "health", Map.of());
            assertThat(refused(busy, "health", Map.of())).contains("more than 40 tool calls in a minute");
            ok(calm, "health", Map.of());
        }
    }

    @Test
    void theEndpointWantsAKeyAndASmallEnoughBody() {
        HttpResponse<byte[]> none = t.api("POST", "/mcp", null, "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(t.api("POST", "/mcp", "fzt_not_a_key", "{}".getBytes(StandardCharsets.UTF_8), "application/json").statusCode())
                .isEqualTo(401);
        String token = key("big", Scope.ADMIN);
        byte[] huge = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(300 * 1024) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(t.api("POST", "/mcp", token, huge, "application/json").statusCode()).isEqualTo(413);
        HttpResponse<byte[]> get = t.send(t.request("localhost", "/mcp").header("Authorization", "Bearer " + token).GET().build());
        assertThat(get.statusCode()).isEqualTo(405);
        HttpResponse<byte[]> garbage = t.api("POST", "/mcp", token, "not json".getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(body(garbage)).contains("\"id\":null").contains("-32700");
        HttpResponse<byte[]> ping = t.api("POST", "/mcp", token,
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(body(ping)).contains("\"id\":7");
    }

    @Test
    void resourcesShowTheDocsAndAnAppsFilesAndPromptsGuideTheAgent() {
        try (McpSyncClient agent = McpClients.http(t, key("reader2", Scope.DEPLOY))) {
            ok(agent, "create_app", Map.of("app", "docs-demo"));
            assertThat(agent.listResources().resources()).extracting(McpSchema.Resource::uri)
                    .contains("fazt://docs/functions", "fazt://docs/apps");
            assertThat(text(agent.readResource(new McpSchema.ReadResourceRequest("fazt://docs/functions")))).contains("respond(");
            assertThat(text(agent.readResource(new McpSchema.ReadResourceRequest("fazt://apps/docs-demo/files")))).contains("index.html");
            assertThat(text(agent.readResource(new McpSchema.ReadResourceRequest("fazt://apps/docs-demo/files/index.html"))))
                    .contains("A one-page site");
            t.deploy("pics", TestInstance.zip(Map.of("index.html", "<img src=a/b.png>", "a/b.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'})));
            McpSchema.ResourceContents png = agent.readResource(new McpSchema.ReadResourceRequest("fazt://apps/pics/files/a%2Fb.png"))
                    .contents().get(0);
            assertThat(((McpSchema.BlobResourceContents) png).blob()).isEqualTo("iVBORw==");
            assertThatThrownBy(() -> agent.readResource(new McpSchema.ReadResourceRequest("fazt://apps/docs-demo/files/nope.txt")))
                    .isInstanceOf(McpError.class).hasMessageContaining("nope.txt");
            assertThat(agent.listPrompts().prompts()).extracting(McpSchema.Prompt::name).contains("create_app", "debug_app");
            McpSchema.GetPromptResult debug = agent.getPrompt(new McpSchema.GetPromptRequest("debug_app", Map.of("app", "docs-demo")));
            assertThat(((McpSchema.TextContent) debug.messages().get(0).content()).text()).contains("read_logs").contains("docs-demo");
        }
    }

    static String text(McpSchema.ReadResourceResult r) {
        return ((McpSchema.TextResourceContents) r.contents().get(0)).text();
    }

    static String body(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
