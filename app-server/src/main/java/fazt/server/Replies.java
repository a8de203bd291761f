package fazt.server;

import fazt.core.FaztException;
import fazt.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writing whole responses: plain text, JSON, and the {@code data}/{@code error} envelopes of SPEC §8. */
public final class Replies {
    public static final String JSON = "application/json";
    /** Below this a JSON answer is sent as it is: gzip would save less than a packet. */
    private static final int GZIP_FROM_BYTES = 1400;

    private Replies() {}

    public static void send(Response response, Callback callback, int status, String contentType, byte[] body) {
        send(response, callback, status, new HttpField(HttpHeader.CONTENT_TYPE, contentType), ByteBuffer.wrap(body));
    }

    /** {@code body} from its position to its limit, with a Content-Type field made beforehand (a served file's). */
    public static void send(Response response, Callback callback, int status, HttpField contentType, ByteBuffer body) {
        response.setStatus(status);
        if (status >= 400 && carriesBody(response.getRequest())) {
            // a refused request's body may still be on its way: the connection cannot be used again, and
            // saying so keeps the client from sending its next request on a connection about to close
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        response.getHeaders().put(contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.remaining());
        boolean head = "HEAD".equals(response.getRequest().getMethod());
        response.write(true, head ? ByteBuffer.allocate(0) : body, callback);
    }

    private static boolean carriesBody(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
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

    /**
     * JSON, gzipped when it is large enough to gain from it and the client takes gzip (a browser
     * does; the CLI and peers, on Java's HTTP client, do not ask): a list of 1,000 apps is about
     * a tenth of its size compressed.
     */
    public static void sendJson(Response response, Callback callback, int status, Object value) {
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
        response.getHeaders().put(HttpHeader.VARY, "Accept-Encoding");
        if (body.length >= GZIP_FROM_BYTES && acceptsGzip(response.getRequest())) {
            response.getHeaders().put(HttpHeader.CONTENT_ENCODING, "gzip");
            body = gzip(body);
        }
        send(response, callback, status, JSON, body);
    }

    /** {@code raw} compressed with gzip. */
    public static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Whether the request takes a gzip body ({@code Accept-Encoding}; {@code q=0} refuses it). */
    public static boolean acceptsGzip(Request request) {
        HttpFields headers = request.getHeaders();
        if (!headers.contains(HttpHeader.ACCEPT_ENCODING)) return false; // without building a list of none
        for (HttpField f : headers.getFields(HttpHeader.ACCEPT_ENCODING)) {
            for (String part : f.getValue().split(",")) {
                String[] kv = part.trim().split(";");
                if (kv[0].trim().equalsIgnoreCase("gzip")) {
                    return kv.length < 2 || !kv[1].replace(" ", "").matches("q=0(\\.0*)?");
                }
            }
        }
        return false;
    }
}
