package fazt.server;

import fazt.core.Fazt;
import fazt.core.FaztException;
import fazt.core.apps.VersionIndex;
import fazt.server.admin.AdminApi;
import fazt.server.mcp.McpHttpEndpoint;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Every request starts here: request id and security headers, the redirect to HTTPS for names
 * with a certificate ({@link HttpsRedirect}), {@code /health} and the analytics
 * routes ({@link TrackRoutes}) on every host, then the {@link HostRouter} picks the admin API or
 * the web dashboard ({@link DashboardFiles}), an app's files, a redirect or the 404 page.
 */
final class RequestDispatcher extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);
    private static final Pattern REQUEST_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");
    // the headers every answer carries, made and encoded once
    private static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
    private static final HttpField REFERRER_POLICY = new PreEncodedHttpField("Referrer-Policy", "strict-origin-when-cross-origin");
    private static final HttpField HSTS = new PreEncodedHttpField(HttpHeader.STRICT_TRANSPORT_SECURITY, "max-age=31536000");

    private final Fazt fazt;
    private final HostRouter router;
    private final StaticFiles staticFiles;
    private final FunctionsHandler functions;
    private final AdminApi adminApi;
    private final AuthRoutes authRoutes;
    private final PrivateFiles privateFiles;
    private final TrackRoutes track;
    private final DashboardFiles dashboard = new DashboardFiles();
    private final HttpsRedirect httpsRedirect;
    private final RealtimeRoute realtime;
    private McpHttpEndpoint mcp;

    RequestDispatcher(Fazt fazt, AdminApi adminApi, HttpsRedirect httpsRedirect, ServerWebSocketContainer webSockets) {
        SessionCookie sessionCookie = new SessionCookie(fazt);
        this.fazt = fazt;
        this.router = new HostRouter(fazt);
        this.staticFiles = new StaticFiles(fazt);
        this.functions = new FunctionsHandler(fazt, sessionCookie);
        this.adminApi = adminApi;
        this.authRoutes = new AuthRoutes(fazt, sessionCookie);
        this.privateFiles = new PrivateFiles(sessionCookie, staticFiles);
        this.track = new TrackRoutes(fazt);
        this.httpsRedirect = httpsRedirect;
        this.realtime = new RealtimeRoute(fazt, webSockets, sessionCookie);
    }

    /** Made at the first {@code /mcp} request: an instance no agent talks to never loads the MCP SDK. */
    private synchronized McpHttpEndpoint mcp() {
        if (mcp == null) mcp = new McpHttpEndpoint(fazt);
        return mcp;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = requestId(request);
        HttpFields.Mutable h = response.getHeaders();
        h.put("X-Request-ID", requestId);
        h.put(NOSNIFF);
        h.put(REFERRER_POLICY);
        if (request.isSecure()) h.put(HSTS);
        String path = Request.getPathInContext(request);
        boolean api = false;
        MDC.put("request_id", requestId);
        try {
            Optional<String> https = httpsRedirect.target(request, path);
            if (https.isPresent()) {
                h.put(HttpHeader.LOCATION, https.get());
                Replies.sendText(response, callback, 308, "moved to " + https.get() + "\n");
                return true;
            }
            if (path.equals("/health")) {
                health(response, callback);
                return true;
            }
            if (path.startsWith("/auth/") && authRoutes.handle(path, request, response, callback)) return true;
            if (TrackRoutes.handles(path)) {
                track.handle(path, request, response, callback);
                return true;
            }
            switch (router.route(request.getHeaders().get(HttpHeader.HOST))) {
                case HostRouter.Admin a -> {
                    api = path.equals("/api") || path.startsWith("/api/");
                    if (api) adminApi.handle(path, request, response, callback);
                    else if (path.equals("/mcp")) mcp().handle(request, response, callback);
                    else dashboard.serve(path, request, response, callback);
                }
                case HostRouter.App app -> serveApp(Optional.of(app.appId()), path, request, response, callback);
                case HostRouter.AliasRedirect r -> {
                    h.put(HttpHeader.LOCATION, r.url());
                    Replies.sendText(response, callback, 301, "moved to " + r.url() + "\n");
                }
                case HostRouter.NotFound n -> staticFiles.sendInstanceNotFound(request, response, callback);
            }
        } catch (FaztException e) {
            if (api) Replies.sendError(response, callback, e);
            else Replies.sendText(response, callback, e.kind().status, e.getMessage() + "\n");
        } catch (RuntimeException e) {
            log.error("request {} {} failed", request.getMethod(), path, e);
            if (api) Replies.sendError(response, callback, 500, "INTERNAL", "internal error; see the server log for request " + requestId);
            else Replies.sendText(response, callback, 500, "internal error (request " + requestId + ")\n");
        } finally {
            MDC.remove("request_id");
        }
        return true;
    }

    /**
     * An app's host: {@code /api} and {@code /api/*} run its functions, {@code /_ws} is its
     * realtime WebSocket, everything else is a file.
     */
    private void serveApp(Optional<String> appId, String path, Request request, Response response, Callback callback) {
        Optional<VersionIndex> index = appId.flatMap(fazt.apps()::activeIndex);
        if (index.isEmpty()) staticFiles.sendInstanceNotFound(request, response, callback);
        else if (path.equals("/api") || path.startsWith("/api/")) functions.handle(index.get(), request, response, callback);
        else if (path.equals(RealtimeRoute.PATH)) realtime.handle(index.get(), request, response, callback);
        else if (path.startsWith("/private/")) privateFiles.serve(index.get(), path, request, response, callback);
        else staticFiles.serve(index.get(), request, response, callback);
    }

    private void health(Response response, Callback callback) {
        boolean ok = fazt.database().healthy();
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Replies.sendText(response, callback, ok ? 200 : 503, ok ? "OK" : "database unavailable");
    }

    /**
     * The caller's well-formed {@code X-Request-ID}, else 16 new hex digits. A request id names a
     * request in logs and answers and guards nothing, so it comes from the thread's own generator,
     * not from the kernel's random source (which every request thread would queue for).
     */
    private static String requestId(Request request) {
        String given = request.getHeaders().get("X-Request-ID");
        if (given != null && REQUEST_ID.matcher(given).matches()) return given;
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
