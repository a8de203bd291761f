package fazt.server.mcp;

import fazt.core.identity.Scope;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * One MCP tool: its description for the agent, the scope a caller needs, and what it does (a
 * translation to one or two {@link fazt.core.Node} calls). Its answer is a map, sent as the
 * result's structured content.
 */
record FaztTool(McpSchema.Tool tool, Scope needs, Body body) {
    @FunctionalInterface
    interface Body {
        Object run(ToolArgs args, McpCaller caller);
    }

    /** A tool that only looks (read keys get it). */
    static FaztTool reading(String name, String description, InputSchema schema, Scope needs, Body body) {
        return new FaztTool(tool(name, description, schema, new McpSchema.ToolAnnotations(null, true, false, true, false, null)),
                needs, body);
    }

    /** A tool that changes something; {@code destructive} when it can lose work (delete, replace). */
    static FaztTool changing(String name, String description, InputSchema schema, Scope needs, boolean destructive,
            boolean idempotent, Body body) {
        return new FaztTool(tool(name, description, schema,
                new McpSchema.ToolAnnotations(null, false, destructive, idempotent, false, null)), needs, body);
    }

    private static McpSchema.Tool tool(String name, String description, InputSchema schema, McpSchema.ToolAnnotations annotations) {
        return McpSchema.Tool.builder().name(name).description(description).inputSchema(schema.toMap())
                .annotations(annotations).build();
    }

    String name() {
        return tool.name();
    }
}
