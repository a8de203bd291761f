package fazt.server;

import fazt.core.Fazt;
import fazt.core.FaztException;
import fazt.core.apps.VersionIndex;
import fazt.core.realtime.RealtimeClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * {@code GET /_ws} on an app's host: refuses another site's page (the Origin must be the app's
 * own origin, exactly), admits the connection under the engine's caps with the signed-in user,
 * then upgrades it to a WebSocket whose frames go to the app's hub.
 */
final class RealtimeRoute {
    static final String PATH = "/_ws";

    private final Fazt fazt;
    private final ServerWebSocketContainer container;
    private final SessionCookie cookie;
    private final PublicOrigin publicOrigin;
    private final ClientAddress clientAddress;

    RealtimeRoute(Fazt fazt, ServerWebSocketContainer container, SessionCookie cookie) {
        this.fazt = fazt;
        this.container = container;
        this.cookie = cookie;
        this.publicOrigin = new PublicOrigin(fazt, cookie);
        this.clientAddress = new ClientAddress(fazt.config());
    }

    void handle(VersionIndex index, Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (!request.getMethod().equals("GET")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            Replies.sendText(response, callback, 405, "method not allowed: " + PATH + " takes WebSocket connections (GET)\n");
            return;
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null) {
            Optional<String> own = publicOrigin.origin(request);
            if (own.isEmpty() || !own.get().equalsIgnoreCase(origin)) {
                Replies.sendText(response, callback, 403, "forbidden: a page from " + origin + " may not open this app's "
                        + PATH + "; only pages of " + own.orElse("the app itself") + " may\n");
                return;
            }
        }
        RealtimeClient client;
        try {
            client = fazt.realtime().connect(index.appId(), clientAddress.of(request), cookie.user(request).orElse(null));
        } catch (FaztException e) {
            if (e.kind() == FaztException.Kind.TOO_MANY_REQUESTS) response.getHeaders().put(HttpHeader.RETRY_AFTER, "10");
            Replies.sendText(response, callback, e.kind().status, e.getMessage() + "\n");
            return;
        }
        Duration idle = Duration.ofMillis(3 * fazt.realtime().limits().pingIntervalMs());
        boolean upgraded;
        try {
            upgraded = container.upgrade((rq, rs, cb) -> {
                // no permessage-deflate: a compressor per connection would cost more memory than the small JSON
                // messages save, and every broadcast would be compressed once per subscriber
                rs.setExtensions(List.of());
                return new RealtimeSocket(client, idle);
            }, request, response, callback);
        } catch (RuntimeException e) {
            client.closed();
            throw e;
        }
        if (!upgraded) {
            client.closed();
            response.getHeaders().put(HttpHeader.UPGRADE, "websocket");
            Replies.sendText(response, callback, 426, PATH + " takes WebSocket connections: open it with new WebSocket(...)\n");
        }
    }
}
