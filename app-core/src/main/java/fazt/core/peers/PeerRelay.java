package fazt.core.peers;

import fazt.core.FaztException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Passes admin API requests on to a linked peer, with the key the peer gave this instance: how a
 * browser that signed in here manages a peer without ever holding the peer's token. Only paths
 * of the admin API go through, and only the headers that carry meaning for it; the peer's answer
 * comes back as it was sent, unread, so uploads, downloads and event streams pass through whole.
 */
public final class PeerRelay {
    /** Request headers the peer needs to understand a request; nothing else (cookies, Authorization, Origin) is passed on. */
    private static final List<String> REQUEST_HEADERS = List.of("Content-Type", "Accept", "Last-Event-ID");
    /**
     * Answer headers worth giving back to the browser; the Content-Security-Policy keeps the
     * sandbox the peer puts on downloads of app data, so such a file never runs on this origin.
     */
    public static final List<String> ANSWER_HEADERS = List.of("content-type", "content-disposition", "content-security-policy",
            "last-modified", "retry-after");
    private static final Pattern ADMIN_PATH = Pattern.compile("/api(/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?(\\?[^#\\s]*)?");

    private final AdminApiClient client;

    PeerRelay(AdminApiClient client) {
        this.client = client;
    }

    /** A peer that sends nothing for this long (its event streams ping every 15 s) is given up on. */
    private static final Duration SILENCE = Duration.ofSeconds(60);

    /** What the peer answered; {@link #copyBody} passes the body on. */
    public record Answer(int status, Map<String, String> headers, InputStream body) {
        /**
         * Copies the body to {@code out} as it arrives, flushing each piece (event streams stay
         * live), until the peer ends it, goes silent for a minute, or {@code out} fails (the
         * browser left); the body is closed in any case.
         */
        public void copyBody(OutputStream out) throws IOException {
            try (InputStream in = body; IdleWatchdog watchdog = new IdleWatchdog(SILENCE, () -> IdleWatchdog.closeQuietly(in))) {
                byte[] buf = new byte[16 * 1024];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    watchdog.heard();
                    out.write(buf, 0, n);
                    out.flush();
                }
            }
        }
    }

    /**
     * Sends {@code method pathAndQuery} with {@code headers} (any case) and {@code body} ({@code length}
     * bytes, -1 when unknown; null for none) to the peer. A peer that no longer accepts our key
     * answers with the error that says how to link it again; an unreachable one with the offline error.
     */
    public Answer forward(String method, String pathAndQuery, Map<String, String> headers, InputStream body, long length) {
        if (pathAndQuery == null || !ADMIN_PATH.matcher(pathAndQuery).matches() || pathAndQuery.contains("..")) {
            throw FaztException.invalid("only admin API paths (/api/…) can be passed on to a peer, not '" + pathAndQuery + "'");
        }
        Map<String, String> passed = new LinkedHashMap<>();
        headers.forEach((k, v) -> {
            for (String allowed : REQUEST_HEADERS) if (allowed.equalsIgnoreCase(k) && v != null) passed.put(allowed, v);
        });
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : length >= 0 ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), length)
                : HttpRequest.BodyPublishers.ofInputStream(() -> body);
        HttpResponse<InputStream> r = client.forward(method, pathAndQuery, passed, publisher, body != null);
        if (r.statusCode() == 401) throw client.refusal(401, readAndClose(r.body()));
        Map<String, String> answer = new LinkedHashMap<>();
        for (String name : ANSWER_HEADERS) r.headers().firstValue(name).ifPresent(v -> answer.put(name, v));
        return new Answer(r.statusCode(), answer, r.body());
    }

    private static byte[] readAndClose(InputStream in) {
        try (in) {
            return in.readNBytes(64 * 1024);
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
