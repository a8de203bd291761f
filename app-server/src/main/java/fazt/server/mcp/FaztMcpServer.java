package fazt.server.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import fazt.core.FaztException;
import fazt.core.Json;
import fazt.core.Node;
import fazt.core.Version;
import fazt.core.apps.BundleLimits;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fazt's MCP server: the tools of {@link AppTools} and {@link DataTools}, the resources of
 * {@link McpResources} and the prompts of {@link McpPrompts}, on the SDK's stateless server, so
 * that one set of handlers serves both transports (stdio and {@code /mcp}). Each call is checked
 * against the caller's scope, counted by {@link McpRateLimit} and logged with the caller as actor.
 */
public final class FaztMcpServer {
    private static final Logger log = LoggerFactory.getLogger(FaztMcpServer.class);
    static final JacksonMcpJsonMapper JSON = new JacksonMcpJsonMapper(Json.MAPPER);

    private FaztMcpServer() {}

    /**
     * Serves {@code node} over {@code transport}. {@code folderDeploys} lets {@code deploy} read a
     * folder on this machine (stdio only); {@code limits} bound the working copies.
     */
    static McpStatelessSyncServer start(McpStatelessServerTransport transport, Node node, Supplier<BundleLimits> limits,
            boolean folderDeploys, McpRateLimit rateLimit) {
        WorkingCopies copies = new WorkingCopies(node, limits);
        List<FaztTool> tools = new ArrayList<>(new AppTools(node, copies, folderDeploys).tools());
        tools.addAll(new DataTools(node).tools());
        Map<String, FaztTool> byName = new HashMap<>();
        for (FaztTool t : tools) byName.put(t.name(), t);
        McpResources resources = new McpResources(node, copies);
        return McpServer.sync(transport)
                .serverInfo("fazt", Version.get())
                .instructions("fazt is a personal cloud: each app is a folder of files (index.html, api/main.js for functions,"
                        + " manifest.json) served at its own host. Edit with write_files, publish with deploy, check with"
                        + " call_function and read_logs. Read fazt://docs/functions and fazt://docs/apps for the app format.")
                .jsonMapper(JSON)
                .jsonSchemaValidator(new DefaultJsonSchemaValidator(Json.MAPPER))
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).prompts(false).build())
                .addToolFilter((context, tool) -> {
                    FaztTool t = byName.get(tool.name());
                    return t != null && McpCaller.of(context).may(t.needs());
                })
                .tools(tools.stream().map(t -> new McpStatelessServerFeatures.SyncToolSpecification(t.tool(),
                        (context, request) -> call(t, context, request, rateLimit))).toList())
                .resources(resources.fixed())
                .resourceTemplates(resources.templates())
                .prompts(McpPrompts.all())
                .build();
    }

    private static McpSchema.CallToolResult call(FaztTool tool, McpTransportContext context, McpSchema.CallToolRequest request,
            McpRateLimit rateLimit) {
        McpCaller caller = McpCaller.of(context);
        try {
            if (!caller.may(tool.needs())) {
                throw new FaztException(FaztException.Kind.FORBIDDEN, "FORBIDDEN", tool.name() + " needs a key with scope "
                        + tool.needs().id() + (caller.scope() == null ? "" : "; this one has " + caller.scope().id()));
            }
            rateLimit.acquire(caller.actor());
            Object result = tool.body().run(new ToolArgs(request.arguments()), caller);
            log.info("mcp {} by {}{}: ok", tool.name(), caller.actor(), about(request));
            return success(result);
        } catch (FaztException e) {
            log.info("mcp {} by {}{}: refused: {}", tool.name(), caller.actor(), about(request), e.getMessage());
            return McpSchema.CallToolResult.builder().isError(true).addTextContent(e.getMessage()).build();
        }
    }

    /**
     * An error for a message whose id could not be read (not JSON-RPC at all): JSON-RPC answers it
     * with {@code "id": null}, which the SDK's response type refuses to hold.
     */
    static byte[] unanswerable(int code, String message) {
        try {
            return ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + code + ",\"message\":"
                    + JSON.writeValueAsString(message) + "}}").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The app a call names, for the log line. */
    private static String about(McpSchema.CallToolRequest request) {
        Object app = request.arguments() == null ? null : request.arguments().get("app");
        return app instanceof String s ? " (app " + s + ")" : "";
    }

    @SuppressWarnings("unchecked")
    private static McpSchema.CallToolResult success(Object result) {
        Map<String, Object> structured = Json.MAPPER.convertValue(result, Map.class);
        String text;
        try {
            text = Json.MAPPER.writeValueAsString(structured);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tool result is not JSON", e);
        }
        return McpSchema.CallToolResult.builder().structuredContent(structured).addTextContent(text).build();
    }
}
