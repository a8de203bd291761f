package fazt.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.Json;
import fazt.server.TestInstance;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The SDK's own client against a real instance: over {@code /mcp}, or over stdio to a {@code fazt mcp} child process. */
final class McpClients {
    static final JacksonMcpJsonMapper JSON = new JacksonMcpJsonMapper(Json.MAPPER);

    private McpClients() {}

    /** A client of {@code t}'s {@code /mcp} with {@code token} as its bearer (null: none), initialized. */
    static McpSyncClient http(TestInstance t, String token) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + t.port())
                .endpoint("/mcp").jsonMapper(JSON)
                .httpRequestCustomizer((request, method, uri, body, context) -> {
                    if (token != null) request.header("Authorization", "Bearer " + token);
                })
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
        return client;
    }

    /** {@code fazt mcp ARGS} as a child JVM on the test's class path, with a client on its stdin/stdout, initialized. */
    static McpSyncClient stdio(String... args) {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        for (String flag : System.getProperty("fazt.test.jvmFlags", "").trim().split("\\s+")) if (!flag.isEmpty()) cmd.add(flag);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "fazt.server.cli.Main", "mcp"));
        cmd.addAll(Arrays.asList(args));
        StdioClientTransport transport = new StdioClientTransport(ServerParameters.builder(java).args(cmd).build(), JSON);
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
        return client;
    }

    static List<String> toolNames(McpSyncClient client) {
        return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
    }

    /** Calls a tool that must succeed and returns its structured result. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> ok(McpSyncClient client, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(tool, args));
        assertThat(r.isError()).as(tool + " failed: " + r.content()).isNotEqualTo(Boolean.TRUE);
        return (Map<String, Object>) r.structuredContent();
    }

    /** Calls a tool that must be refused and returns the message the agent gets. */
    static String refused(McpSyncClient client, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(tool, args));
        assertThat(r.isError()).as(tool + " should have been refused").isTrue();
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    static Path dataFile(TestInstance t) {
        return t.dir.resolve("data.db");
    }
}
