package fazt.server;

import fazt.core.Fazt;
import fazt.core.Json;
import fazt.core.FaztException;
import fazt.core.apps.VersionIndex;
import fazt.core.js.FunctionRequest;
import fazt.core.js.FunctionResponse;
import fazt.core.schedules.Schedules;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** {@code /api} and {@code /api/*} on an app's host: turns the HTTP request into a function call (SPEC §4). */
final class FunctionsHandler {
    private final Fazt fazt;
    private final SessionCookie cookie;
    /** {@code request.ip}: the address the sign-in throttle and analytics see too (trusted proxies honoured). */
    private final ClientAddress clients;

    FunctionsHandler(Fazt fazt, SessionCookie cookie) {
        this.fazt = fazt;
        this.cookie = cookie;
        this.clients = new ClientAddress(fazt.config());
    }

    /** {@code fazt.auth.getUser()} as JSON, or null; a request without the cookie runs no SQL for it. */
    private String signedInUser(Request request) {
        return cookie.user(request).map(u -> {
            try {
                return Json.MAPPER.writeValueAsString(u.publicFields());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot write a user as JSON", e);
            }
        }).orElse(null);
    }

    /**
     * fazt's own cookies are not the app's: a function never sees them (a logged header would leak
     * a session that opens every app, and the owner's the admin API) and never sets them (a
     * function could otherwise fixate a session for the whole domain).
     */
    private static final Set<String> OWN_COOKIES = Set.of(SessionCookie.NAME, OAuthRoutes.STATE_COOKIE);

    /** The Cookie header without fazt's own cookies; null when nothing else is left. */
    static String withoutOwnCookies(String header) {
        StringBuilder kept = new StringBuilder();
        for (String pair : header.split(";")) {
            String p = pair.trim();
            int eq = p.indexOf('=');
            if (p.isEmpty() || OWN_COOKIES.contains((eq < 0 ? p : p.substring(0, eq)).trim())) continue;
            if (!kept.isEmpty()) kept.append("; ");
            kept.append(p);
        }
        return kept.isEmpty() ? null : kept.toString();
    }

    static boolean setsOwnCookie(String setCookie) {
        int eq = setCookie.indexOf('=');
        return OWN_COOKIES.contains((eq < 0 ? setCookie : setCookie.substring(0, eq)).trim());
    }

    void handle(VersionIndex index, Request request, Response response, Callback callback) {
        long maxBody = fazt.functions().limits().maxBodyBytes();
        byte[] body;
        try {
            body = IncomingRequests.readBody(request, maxBody);
        } catch (FaztException e) {
            Replies.sendJson(response, callback, e.kind().status, Map.of("error", e.getMessage()));
            return;
        }
        Map<String, String> query = new LinkedHashMap<>();
        Fields fields = Request.extractQueryParameters(request);
        for (Fields.Field f : fields) query.put(f.getName(), f.getValue());
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpField h : request.getHeaders()) {
            String name = h.getName().toLowerCase(Locale.ROOT);
            if (name.equals(Schedules.HEADER)) continue; // only the scheduler marks a call as scheduled
            String value = name.equals("cookie") ? withoutOwnCookies(h.getValue()) : h.getValue();
            if (value != null) headers.merge(name, value, (a, b) -> a + (name.equals("cookie") ? "; " : ", ") + b);
        }
        FunctionRequest fr = new FunctionRequest(request.getMethod(), Request.getPathInContext(request), query, headers,
                body, request.getHeaders().get(HttpHeader.CONTENT_TYPE), clients.of(request),
                response.getHeaders().get("X-Request-ID"), request.getHttpURI().asString());
        // answered from the worker that ran the script: this thread does not wait for it
        fazt.functions().invoke(index, fr, signedInUser(request), r -> reply(r, response, callback));
    }

    private static void reply(FunctionResponse r, Response response, Callback callback) {
        try {
            r.headers().forEach((k, v) -> {
                if (!(k.equalsIgnoreCase("Set-Cookie") && setsOwnCookie(v))) response.getHeaders().put(k, v);
            });
            if (!response.getHeaders().contains(HttpHeader.CACHE_CONTROL)) response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            if (r.contentType() == null) {
                response.setStatus(r.status());
                response.write(true, ByteBuffer.wrap(r.body()), callback);
            } else {
                Replies.send(response, callback, r.status(), r.contentType(), r.body());
            }
        } catch (RuntimeException e) {
            callback.failed(e); // the connection is closed: headers may be half-written
        }
    }
}
