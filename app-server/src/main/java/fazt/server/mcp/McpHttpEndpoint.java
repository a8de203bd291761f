package fazt.server.mcp;

import fazt.core.Fazt;
import fazt.core.FaztException;
import fazt.core.LocalNode;
import fazt.core.identity.ApiKeys;
import fazt.core.identity.Scope;
import fazt.server.IncomingRequests;
import fazt.server.Replies;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * {@code /mcp} on the admin host: MCP's Streamable HTTP in its stateless form (every message a
 * POST answered with one JSON body; no session, no server-sent stream), as a transport of the
 * SDK's stateless server written on Jetty's core API (the SDK's own HTTP transports are servlets).
 * A request needs {@code Authorization: Bearer <API key>}; the key's scope decides which tools
 * it sees and may call, and its name is the actor every action is logged under.
 */
public final class McpHttpEndpoint implements McpStatelessServerTransport {
    private static final Logger log = LoggerFactory.getLogger(McpHttpEndpoint.class);

    private final Fazt fazt;
    private McpStatelessServerHandler handler;

    public McpHttpEndpoint(Fazt fazt) {
        this.fazt = fazt;
        FaztMcpServer.start(this, new LocalNode(fazt), fazt.apps()::limits, false,
                new McpRateLimit(() -> fazt.config().getInt("mcp_calls_per_minute")));
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }

    public void handle(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        try {
            if (!request.getMethod().equals("POST")) {
                response.getHeaders().put(HttpHeader.ALLOW, "POST");
                Replies.sendError(response, callback, 405, "METHOD_NOT_ALLOWED",
                        "this MCP endpoint is stateless: POST each JSON-RPC message; there is no event stream to GET");
                return;
            }
            McpCaller caller = authenticate(request);
            byte[] body = IncomingRequests.readBody(request, fazt.apps().limits().maxUploadBytes());
            McpSchema.JSONRPCMessage message;
            try {
                message = McpSchema.deserializeJsonRpcMessage(FaztMcpServer.JSON, new String(body, StandardCharsets.UTF_8));
            } catch (IOException | IllegalArgumentException e) {
                Replies.send(response, callback, 400, "application/json",
                        FaztMcpServer.unanswerable(McpSchema.ErrorCodes.PARSE_ERROR, "not a JSON-RPC message"));
                return;
            }
            McpTransportContext context = caller.context();
            if (message instanceof McpSchema.JSONRPCRequest r) {
                McpSchema.JSONRPCResponse answer = handler.handleRequest(context, r)
                        .contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
                sendJson(response, callback, 200, answer);
            } else if (message instanceof McpSchema.JSONRPCNotification n) {
                handler.handleNotification(context, n).contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
                response.setStatus(202);
                callback.succeeded();
            } else {
                Replies.send(response, callback, 400, "application/json",
                        FaztMcpServer.unanswerable(McpSchema.ErrorCodes.INVALID_REQUEST, "send requests or notifications"));
            }
        } catch (FaztException e) {
            if (e.kind().status == 401) response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            Replies.sendError(response, callback, e);
        }
    }

    private McpCaller authenticate(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        Optional<ApiKeys.KeyInfo> key = token.isEmpty() ? Optional.empty() : fazt.apiKeys().identify(token);
        if (key.isEmpty()) {
            log.info("rejected an MCP request without a valid API key");
            throw new FaztException(FaztException.Kind.UNAUTHORIZED, "UNAUTHORIZED",
                    "send 'Authorization: Bearer <API key>' (create one with 'fazt server create-key --name NAME --scope deploy')");
        }
        return new McpCaller("key " + key.get().name(), Scope.parse(key.get().scope()));
    }

    private static void sendJson(Response response, Callback callback, int status, Object message) {
        try {
            Replies.send(response, callback, status, "application/json", FaztMcpServer.JSON.writeValueAsBytes(message));
        } catch (IOException e) {
            throw new IllegalStateException("an MCP answer is not JSON", e);
        }
    }
}
