package fazt.core.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import fazt.core.FaztException;
import fazt.core.changes.Change;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A peer's change stream that ends: the reader connects again after the last id it was sent, even one without data. */
class RemoteChangeStreamTest {
    @Test
    void reconnectsAfterTheLastIdItWasSent() throws Exception {
        List<String> lastIds = new CopyOnWriteArrayList<>();
        AtomicInteger connections = new AtomicInteger();
        HttpServer peer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        peer.createContext("/api/changes", ex -> {
            lastIds.add(String.valueOf(ex.getRequestHeaders().getFirst("Last-Event-ID")));
            String body = switch (connections.incrementAndGet()) {
                case 1 -> ": connected\n\nid: 40\n\n"; // where the stream starts, then it ends (the peer stopped)
                case 2 -> "id: 41\ndata: {\"id\":41,\"time\":7,\"kind\":\"app.deployed\",\"app\":\"blog\",\"subject\":\"3\"}\n\n";
                default -> "id: 99\ndata: {\"id\":99,\"time\":8,\"kind\":\"resync\",\"subject\":\"changes after 41 are no longer kept\"}\n\n";
            };
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        });
        peer.start();
        URI uri = URI.create("http://127.0.0.1:" + peer.getAddress().getPort() + "/api/changes");
        BlockingQueue<Change> got = new LinkedBlockingQueue<>();
        RemoteChangeStream stream = new RemoteChangeStream("peer", HttpClient.newHttpClient(), lastId -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri);
            if (lastId != null) b.header("Last-Event-ID", lastId.toString());
            return b.GET().build();
        }, (status, body) -> new FaztException(FaztException.Kind.UNAVAILABLE, "X", "refused"), got::add, Duration.ofSeconds(30));
        try {
            Change deployed = got.poll(30, TimeUnit.SECONDS);
            assertThat(deployed).isEqualTo(new Change(41, 7, "app.deployed", "blog", "3"));
            Change resync = got.poll(30, TimeUnit.SECONDS);
            assertThat(resync.isResync()).isTrue();
            assertThat(lastIds.subList(0, 3)).containsExactly("null", "40", "41");
        } finally {
            stream.close();
            peer.stop(0);
        }
        assertThat(stream.done()).isCompleted().isNotCompletedExceptionally();
    }
}
