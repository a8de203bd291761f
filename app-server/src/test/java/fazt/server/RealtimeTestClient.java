package fazt.server;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client (the JDK's) on an instance's {@code /_ws}, with any Host, Origin and
 * Cookie header. Messages arrive in a queue; pings are kept apart. With {@code reading} off it
 * stops asking for frames, so the server's frames back up like a slow reader's.
 */
final class RealtimeTestClient implements WebSocket.Listener {
    record Closed(int code, String reason) {}

    /** A handshake the server refused, with its HTTP status. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status) {
            super("refused with " + status);
            this.status = status;
        }
    }

    final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<JsonNode> pings = new LinkedBlockingQueue<>();
    final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean reading = true;
    WebSocket socket;

    /** A connection as a browser on {@code http://host:port} opens it ({@code origin} and {@code cookie} null: none sent). */
    static RealtimeTestClient open(HttpClient http, int port, String host, String origin, String cookie) {
        return open(http, "ws", port, host, origin, cookie);
    }

    /** The same over {@code scheme} ({@code ws}, or {@code wss} with a client that trusts the instance's certificate). */
    static RealtimeTestClient open(HttpClient http, String scheme, int port, String host, String origin, String cookie) {
        RealtimeTestClient c = new RealtimeTestClient();
        WebSocket.Builder b = http.newWebSocketBuilder().header("Host", host + ":" + port).connectTimeout(Duration.ofSeconds(10));
        if (origin != null) b.header("Origin", origin);
        if (cookie != null) b.header("Cookie", cookie);
        try {
            c.socket = b.buildAsync(URI.create(scheme + "://127.0.0.1:" + port + "/_ws"), c).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) throw new Refused(h.getResponse().statusCode());
            throw e;
        }
        return c;
    }

    static RealtimeTestClient open(TestInstance t, String host) {
        return open(t.http, t.port(), host, "http://" + host + ":" + t.port(), null);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                JsonNode msg = Json.MAPPER.readTree(partial.toString());
                (msg.path("type").asText().equals("ping") ? pings : messages).add(msg);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            partial.setLength(0);
        }
        if (reading) webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Closed(-1, String.valueOf(error)));
    }

    /** Stops asking for frames after the one being read. */
    void pause() {
        reading = false;
    }

    /** Reads again, everything from now on. */
    void resume() {
        reading = true;
        socket.request(Long.MAX_VALUE);
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next non-ping message; fails when none comes within 20 s. */
    JsonNode next() {
        try {
            JsonNode m = messages.poll(20, TimeUnit.SECONDS);
            if (m == null) throw new AssertionError("no message came; closed: " + closed.getNow(null));
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode subscribe(String channel) {
        send("{\"type\":\"subscribe\",\"channel\":" + Json.MAPPER.valueToTree(channel) + "}");
        return next();
    }

    /** How the server closed the connection; fails when it stays open for 30 s. */
    Closed closing() {
        try {
            return closed.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the connection did not close", e);
        }
    }

    void close() {
        if (!socket.isOutputClosed()) socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
}
