package fazt.server.mcp;

import fazt.core.identity.Scope;
import io.modelcontextprotocol.common.McpTransportContext;
import java.util.Map;

/**
 * Who sends an MCP request and what they may do: an API key's name and scope over HTTP, or
 * {@code stdio} with the owner's rights for {@code fazt mcp} (whoever runs it can open data.db).
 * The transport puts it in the request's context; tools read it from there.
 */
record McpCaller(String actor, Scope scope) {
    private static final String KEY = "fazt.caller";

    static final McpCaller STDIO = new McpCaller("stdio", Scope.ADMIN);

    McpTransportContext context() {
        return McpTransportContext.create(Map.of(KEY, this));
    }

    /** The caller a transport put in {@code context}; none means no rights at all. */
    static McpCaller of(McpTransportContext context) {
        Object caller = context == null ? null : context.get(KEY);
        return caller instanceof McpCaller c ? c : new McpCaller("unknown", null);
    }

    boolean may(Scope needed) {
        return scope != null && scope.allows(needed);
    }
}
