package fazt.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Fazt;
import fazt.core.FaztException;
import fazt.core.Json;
import fazt.core.analytics.IncomingEvent;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The public analytics routes of SPEC §7, answered on every host before host routing:
 * {@code POST /track} (JSON from a page's script, open to any origin), {@code GET /pixel.gif}
 * (for pages without scripts) and {@code GET /r/{slug}} (short links).
 */
final class TrackRoutes {
    static final int MAX_TRACK_BODY = 10 * 1024;
    /** A transparent 1×1 GIF. */
    static final byte[] PIXEL = {
        'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, (byte) 0x80, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff,
        0x21, (byte) 0xf9, 4, 1, 0, 0, 0, 0, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3b};
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);
    private static final Pattern HOST = Pattern.compile("[a-z0-9_.-]{1,253}|\\[[0-9a-f:.]{2,45}\\]");

    private final Fazt fazt;
    private final RequestEvents events;

    TrackRoutes(Fazt fazt) {
        this.fazt = fazt;
        this.events = new RequestEvents(fazt);
    }

    static boolean handles(String path) {
        return path.equals("/track") || path.equals("/pixel.gif") || path.startsWith("/r/");
    }

    void handle(String path, Request request, Response response, Callback callback) {
        if (path.equals("/track")) track(request, response, callback);
        else if (path.equals("/pixel.gif")) pixel(request, response, callback);
        else redirect(path.substring(3), request, response, callback);
    }

    /** {@code POST /track}: any origin may send; a preflight {@code OPTIONS} is answered. */
    private void track(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        switch (request.getMethod()) {
            case "POST" -> {
                try {
                    JsonNode body = trackBody(IncomingRequests.readBody(request, MAX_TRACK_BODY));
                    String host = host(text(body, "h"), request);
                    String tags = object(body, "t");
                    String query = object(body, "q");
                    String event = text(body, "e");
                    boolean taken = events.reported(request, host, orDefault(text(body, "p"), "/"),
                            orDefault(event, IncomingEvent.PAGEVIEW), emptyToNull(text(body, "ref")), tags, query,
                            IncomingEvent.FROM_TRACK);
                    if (taken) noContent(response, callback);
                    else busy(response, callback);
                } catch (FaztException e) {
                    Replies.sendError(response, callback, e);
                }
            }
            case "OPTIONS" -> {
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS");
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type");
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "86400");
                noContent(response, callback);
            }
            default -> {
                response.getHeaders().put(HttpHeader.ALLOW, "POST, OPTIONS");
                Replies.sendError(response, callback, 405, "METHOD_NOT_ALLOWED", "/track answers POST (and OPTIONS for CORS)");
            }
        }
    }

    private static JsonNode trackBody(byte[] bytes) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw FaztException.invalid("the body is not valid JSON: " + e.getMessage().split("\n", 2)[0]);
        }
        if (node == null || !node.isObject()) {
            throw FaztException.invalid("the body must be a JSON object like {\"p\": \"/about\", \"e\": \"pageview\"}");
        }
        return node;
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) throw FaztException.invalid(field + " must be a string, not a JSON " + type(n));
        return n.asText();
    }

    /** An object field as compact JSON text, or null. */
    private static String object(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isObject()) throw FaztException.invalid(field + " must be a JSON object, not a JSON " + type(n));
        try {
            return Json.MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String type(JsonNode n) {
        return n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** {@code GET /pixel.gif?h=&p=&e=&ref=}: without {@code p} and {@code h}, the page that shows the image (its Referer). */
    private void pixel(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Replies.sendText(response, callback, 405, "method not allowed: /pixel.gif answers GET\n");
            return;
        }
        if (method.equals("GET")) {
            try {
                Fields q = Request.extractQueryParameters(request);
                URI page = pageOf(request);
                String host = host(orDefault(q.getValue("h"), page == null ? null : page.getHost()), request);
                String path = orDefault(q.getValue("p"), page == null || page.getRawPath() == null || page.getRawPath().isEmpty()
                        ? "/" : page.getRawPath());
                if (!events.reported(request, host, path, orDefault(q.getValue("e"), IncomingEvent.PAGEVIEW),
                        emptyToNull(q.getValue("ref")), null, null, IncomingEvent.FROM_PIXEL)) {
                    busy(response, callback);
                    return;
                }
            } catch (FaztException e) {
                Replies.sendText(response, callback, e.kind().status, e.getMessage() + "\n");
                return;
            }
        }
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Replies.send(response, callback, 200, "image/gif", PIXEL);
    }

    private static URI pageOf(Request request) {
        String referer = request.getHeaders().get(HttpHeader.REFERER);
        if (referer == null) return null;
        try {
            return URI.create(referer);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The host an event is about: {@code given}, else the request's own Host; lowercased, without port. */
    private static String host(String given, Request request) {
        String raw = given != null && !given.isBlank() ? given : request.getHeaders().get(HttpHeader.HOST);
        String host = HostRouter.hostName(raw);
        if (host == null || !HOST.matcher(host).matches()) throw FaztException.invalid("h must be a host name like blog.example.com");
        return host;
    }

    /** {@code GET /r/{slug}}: 302 to the destination, counting a click; HEAD answers the same without counting. */
    private void redirect(String slug, Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Replies.sendText(response, callback, 405, "method not allowed: short links answer GET\n");
            return;
        }
        Optional<String> to = method.equals("GET") ? fazt.analytics().shortLinks().click(slug)
                : fazt.analytics().shortLinks().destination(slug);
        if (to.isEmpty()) {
            Replies.sendText(response, callback, 404, "no short link '/r/" + slug + "'\n");
            return;
        }
        // never cached, so that every visit comes back here and is counted
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.LOCATION, to.get());
        Replies.sendText(response, callback, 302, "moved to " + to.get() + "\n");
    }

    private static void noContent(Response response, Callback callback) {
        response.setStatus(204);
        response.write(true, NOTHING, callback);
    }

    private static void busy(Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        Replies.sendError(response, callback, 503, "BUSY", "the server is shutting down or too busy to take events; try again");
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
