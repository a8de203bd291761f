package fazt.server.mcp;

import static fazt.server.mcp.McpClients.ok;
import static fazt.server.mcp.McpClients.refused;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.Fazt;
import fazt.core.InstanceLock;
import fazt.core.LocalNode;
import fazt.core.identity.Scope;
import fazt.server.TestInstance;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fazt mcp} as a child process with the SDK's client on its stdio: the local instance, folder deploys, a linked peer. */
class StdioMcpTest {
    @TempDir Path folder;

    @Test
    void fazMcpActsOnTheRunningLocalInstanceAndDeploysFolders() throws Exception {
        try (TestInstance t = new TestInstance();
                McpSyncClient agent = McpClients.stdio("--data", McpClients.dataFile(t).toString())) {
            var tools = agent.listTools().tools();
            assertThat(tools).extracting(McpSchema.Tool::name)
                    .contains("create_app", "write_files", "deploy", "delete_app", "set_env", "list_peers");
            assertThat(tools.stream().filter(x -> x.name().equals("deploy")).findFirst().orElseThrow()
                    .inputSchema().get("properties").toString()).contains("folder=");

            ok(agent, "create_app", Map.of("app", "notes"));
            ok(agent, "write_files", Map.of("app", "notes", "files", Map.of("api/main.js", McpHttpEndpointTest.FUNCTION)));
            assertThat(ok(agent, "deploy", Map.of("app", "notes"))).containsEntry("version", 2);
            assertThat(body(t, "notes", "/")).contains("A one-page site"); // the template's page stays: edits start from the live files
            Map<String, Object> call = ok(agent, "call_function", Map.of("app", "notes", "path", "/api/hi?x=1"));
            assertThat(call.get("logs").toString()).contains("called GET /api/hi");

            Path site = Files.createDirectories(folder.resolve("site"));
            Files.writeString(site.resolve("index.html"), "<p>from a folder</p>");
            assertThat(ok(agent, "deploy", Map.of("app", "notes", "folder", site.toString()))).containsEntry("version", 3);
            assertThat(body(t, "notes", "/")).contains("from a folder");

            assertThat(refused(agent, "deploy", Map.of("app", "notes", "folder", "site"))).contains("absolute");
            Path outside = Files.writeString(folder.resolve("secret.txt"), "do not ship");
            Files.createSymbolicLink(site.resolve("leak.txt"), outside);
            assertThat(refused(agent, "deploy", Map.of("app", "notes", "folder", site.toString()))).contains("links outside");
            assertThat(t.fazt.apps().get("notes").activeVersion()).isEqualTo(3);

            assertThat(ok(agent, "rollback", Map.of("app", "notes", "version", 2))).containsEntry("version", 2);
            assertThat(ok(agent, "list_apps", Map.of()).get("apps").toString()).contains("name=notes");
        }
    }

    @Test
    void withNoInstanceServingItOpensTheDataFileItself() throws Exception {
        Path dir = Files.createDirectories(folder.resolve("data"));
        try (McpSyncClient agent = McpClients.stdio("--data", dir.toString())) {
            ok(agent, "create_app", Map.of("app", "offline"));
            assertThat(McpHttpEndpointTest.text(agent.readResource(new McpSchema.ReadResourceRequest("fazt://docs/apps"))))
                    .contains("manifest.json");
        }
        for (int i = 0; i < 300 && InstanceLock.readHolder(dir.resolve("data.db")).isPresent(); i++) Thread.sleep(100); // the child exits
        try (Fazt fazt = Fazt.open(dir.resolve("data.db"), Map.of(), Map.of())) {
            assertThat(fazt.apps().get("offline").activeVersion()).isEqualTo(1);
        }
    }

    @Test
    void aLineThatIsNotJsonRpcGetsAnErrorAndTheSessionGoesOn() {
        try (TestInstance t = new TestInstance()) {
            String lines = "this is not json\n"
                    + "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"list_apps\",\"arguments\":{}}}\n";
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StdioMcpTransport.serve(new LocalNode(t.fazt), t.fazt.apps().limits(),
                    new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)), out);
            String[] answers = out.toString(StandardCharsets.UTF_8).split("\n");
            assertThat(answers).hasSize(2);
            assertThat(answers[0]).contains("\"code\":-32700");
            assertThat(answers[1]).contains("\"id\":1").contains("\"apps\"");
        }
    }

    @Test
    void withToItActsOnALinkedPeer() {
        try (TestInstance a = new TestInstance(); TestInstance b = new TestInstance()) {
            String token = b.fazt.apiKeys().create("for a", Scope.ADMIN).token();
            a.fazt.peerLinking().add("b", "http://127.0.0.1:" + b.port(), null, token);
            try (McpSyncClient agent = McpClients.stdio("--data", McpClients.dataFile(a).toString(), "--to", "b")) {
                ok(agent, "create_app", Map.of("app", "far"));
                ok(agent, "write_files", Map.of("app", "far", "files", Map.of("index.html", "<p>on the peer</p>",
                        "api/main.js", McpHttpEndpointTest.FUNCTION)));
                ok(agent, "deploy", Map.of("app", "far"));
                assertThat(body(b, "far", "/")).contains("on the peer");
                assertThat(a.fazt.apps().find("far")).isEmpty();
                assertThat(ok(agent, "call_function", Map.of("app", "far", "method", "DELETE", "path", "/api/x")).get("logs").toString())
                        .contains("called DELETE /api/x");
                assertThat(ok(agent, "health", Map.of())).containsKey("version");
            }
        }
    }

    private static String body(TestInstance t, String app, String path) {
        return new String(t.get(app + ".localhost", path).body(), StandardCharsets.UTF_8);
    }
}
