package fazt.server;

import fazt.core.FaztException;
import fazt.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Small helpers for writing responses and reading bounded request bodies. */
public final class Http {
    public static final String JSON = "application/json";
    /** How much of a too-large body is still read (and dropped) so the client gets its 413. */
    static final long DRAIN_LIMIT = 32L * 1024 * 1024;

    private Http() {}

    public static void send(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        boolean head = "HEAD".equals(response.getRequest().getMethod());
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
    }

    public static void sendText(Response response, Callback callback, int status, String text) {
        send(response, callback, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"data": value}} (SPEC §8). */
    public static void sendData(Response response, Callback callback, int status, Object value) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("data", value);
        sendJson(response, callback, status, envelope);
    }

    /** {@code {"error": {"code", "message"}}} (SPEC §8). */
    public static void sendError(Response response, Callback callback, int status, String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        sendJson(response, callback, status, Map.of("error", error));
    }

    public static void sendError(Response response, Callback callback, FaztException e) {
        sendError(response, callback, e.kind().status, e.code(), e.getMessage());
    }

    public static void sendJson(Response response, Callback callback, int status, Object value) {
        try {
            send(response, callback, status, JSON, Json.MAPPER.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /**
     * Reads the whole body, refusing (413) one longer than {@code max} bytes. The excess of a body
     * up to {@link #DRAIN_LIMIT} past the limit is read and dropped first, so the client has sent
     * everything and can read the 413; a larger one is refused at once and the connection closes.
     */
    /**
     * Whether a request carries an {@code Origin} equal to its own host: a page of this very site
     * sent it, not another site and not one of the instance's other subdomains (which are
     * same-site, so SameSite cookies alone do not stop them). Either scheme: behind a proxy that
     * terminates TLS the request itself arrives as http.
     */
    public static boolean sameOrigin(Request request) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (origin == null || host == null) return false;
        return origin.equalsIgnoreCase("https://" + host) || origin.equalsIgnoreCase("http://" + host);
    }

    public static byte[] readBody(Request request, long max) {
        long declared = request.getLength();
        if (declared == 0) return new byte[0];
        try (InputStream in = Request.asInputStream(request)) {
            if (declared > max) {
                if (declared - max <= DRAIN_LIMIT) drain(in, declared);
                throw tooLarge(max);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
            byte[] buf = new byte[declared > 0 ? (int) Math.min(declared + 1, 64 * 1024) : 8 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + (long) n > max) {
                    drain(in, DRAIN_LIMIT);
                    throw tooLarge(max);
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw FaztException.invalid("the request body could not be read: " + e.getMessage());
        }
    }

    private static void drain(InputStream in, long limit) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long read = 0;
        int n;
        while (read < limit && (n = in.read(buf)) > 0) read += n;
    }

    private static FaztException tooLarge(long max) {
        return new FaztException(FaztException.Kind.TOO_LARGE, "BODY_TOO_LARGE",
                "the request body is larger than the limit of " + max + " bytes");
    }
}
