package fazt.server.admin;

import fazt.core.Fazt;
import fazt.core.peers.PeerRelay;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An admin API request sent with {@value #HEADER}{@code : NAME} is answered by the linked peer
 * NAME instead of this instance ({@link PeerRelay}): the web dashboard manages a peer this way,
 * through the link this instance holds, and the browser never sees the peer's key. The caller
 * has already been checked by {@link AdminApi} (an admin, for the route the request names).
 */
final class RelayToPeer {
    static final String HEADER = "X-Fazt-Peer";
    private static final Logger log = LoggerFactory.getLogger(RelayToPeer.class);

    private final Fazt fazt;

    RelayToPeer(Fazt fazt) {
        this.fazt = fazt;
    }

    /** Forwards the request and streams the peer's answer back; errors before the answer starts are thrown as usual. */
    void forward(String peer, Request request, Response response, Callback callback) {
        String query = request.getHttpURI().getQuery();
        String target = Request.getPathInContext(request) + (query == null ? "" : "?" + query);
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpField f : request.getHeaders()) headers.putIfAbsent(f.getName(), f.getValue());
        String method = request.getMethod();
        boolean hasBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        InputStream body = hasBody ? Content.Source.asInputStream(request) : null;
        PeerRelay.Answer answer = fazt.peers().relay(peer).forward(method, target, headers, body, hasBody ? request.getLength() : -1);
        response.setStatus(answer.status());
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            answer.copyBody(out);
        } catch (IOException e) {
            // the browser left, or the peer stopped in the middle: nothing more can be said on this answer
            log.info("relay of {} {} to peer {} ended early: {}", method, target, peer, e.getMessage());
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    /** The peer a request asks for, or null when it is for this instance. */
    static String peerOf(Request request) {
        String name = request.getHeaders().get(HEADER);
        return name == null || name.isBlank() ? null : name.trim();
    }
}
