package fazt.server.mcp;

import fazt.core.Node;
import fazt.core.apps.BundleLimits;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Mono;

/**
 * MCP over stdio for {@code fazt mcp}: one JSON-RPC message per line in, one answer per line out,
 * handled in order. It is a transport of the SDK's stateless server (the SDK's own stdio
 * transport drives its session-based server), so stdio and {@code /mcp} share every handler.
 * The caller is {@link McpCaller#STDIO}: whoever can start {@code fazt mcp} here can open data.db.
 */
public final class StdioMcpTransport implements McpStatelessServerTransport {
    /** Longer lines are refused unread: as for the admin API, a request has a size limit. */
    static final int MAX_LINE_CHARS = 64 * 1024 * 1024;

    private McpStatelessServerHandler handler;

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }

    /** Serves {@code node} from {@code in} to {@code out} until {@code in} ends. */
    public static void serve(Node node, BundleLimits limits, InputStream in, OutputStream out) {
        StdioMcpTransport transport = new StdioMcpTransport();
        McpStatelessSyncServer server = FaztMcpServer.start(transport, node, () -> limits, true,
                new McpRateLimit(() -> McpRateLimit.DEFAULT_PER_MINUTE));
        try {
            transport.loop(in, out);
        } finally {
            server.close();
        }
    }

    private void loop(InputStream in, OutputStream out) {
        McpTransportContext context = McpCaller.STDIO.context();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            StringBuilder line = new StringBuilder();
            while (readLine(reader, line)) {
                if (line.isEmpty()) continue;
                if (line.length() > MAX_LINE_CHARS) {
                    writeUnanswerable(out, McpSchema.ErrorCodes.INVALID_REQUEST, "a message may be at most " + MAX_LINE_CHARS + " characters");
                    continue;
                }
                McpSchema.JSONRPCMessage message;
                try {
                    message = McpSchema.deserializeJsonRpcMessage(FaztMcpServer.JSON, line.toString());
                } catch (IOException | IllegalArgumentException e) {
                    writeUnanswerable(out, McpSchema.ErrorCodes.PARSE_ERROR, "not a JSON-RPC message");
                    continue;
                }
                McpSchema.JSONRPCResponse answer = handle(message, context);
                if (answer != null) write(out, answer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one line into {@code line}, keeping at most {@link #MAX_LINE_CHARS} + 1 characters of it; false at the end. */
    private static boolean readLine(BufferedReader reader, StringBuilder line) throws IOException {
        line.setLength(0);
        int c;
        boolean any = false;
        while ((c = reader.read()) >= 0) {
            any = true;
            if (c == '\n') return true;
            if (c != '\r' && line.length() <= MAX_LINE_CHARS) line.append((char) c);
        }
        return any;
    }

    private McpSchema.JSONRPCResponse handle(McpSchema.JSONRPCMessage message, McpTransportContext context) {
        if (message instanceof McpSchema.JSONRPCRequest request) {
            return handler.handleRequest(context, request).contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
        }
        if (message instanceof McpSchema.JSONRPCNotification notification) {
            handler.handleNotification(context, notification).contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
        }
        return null;
    }

    private static void writeUnanswerable(OutputStream out, int code, String message) throws IOException {
        out.write(FaztMcpServer.unanswerable(code, message));
        out.write('\n');
        out.flush();
    }

    private static void write(OutputStream out, McpSchema.JSONRPCResponse response) throws IOException {
        out.write(FaztMcpServer.JSON.writeValueAsBytes(response));
        out.write('\n');
        out.flush();
    }
}
