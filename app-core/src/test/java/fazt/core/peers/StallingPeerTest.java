package fazt.core.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.FaztException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A peer that sends its headers and then goes quiet: the request timeout of the HTTP client only
 * covers the wait for headers, so without a bound on the whole exchange these calls would hang.
 */
class StallingPeerTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    @Test
    void aPeerThatStallsInTheBodyIsReportedAsNotAnsweringInTime() throws Exception {
        try (StallingServer server = new StallingServer("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")) {
            AdminApiClient.Limits limits = new AdminApiClient.Limits(SHORT, SHORT, SHORT, SHORT);
            RemoteNode node = RemoteNode.peer("stuck", server.uri(), "fzt_t", PeerContact.IGNORE, limits);
            assertThatThrownBy(node::health).isInstanceOf(FaztException.class)
                    .hasMessageContaining("cannot reach peer 'stuck'", "no answer in time");
        }
    }

    @Test
    void aLogStreamThatGoesSilentIsDroppedAndOpenedAgain() throws Exception {
        try (StallingServer server = new StallingServer("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n: ping\n\n")) {
            HttpClient http = HttpClient.newHttpClient();
            RemoteLogStream stream = new RemoteLogStream("silent", http, lastId -> HttpRequest.newBuilder(server.uri()).GET().build(),
                    (status, body) -> new FaztException(FaztException.Kind.UNAVAILABLE, "X", "refused"), line -> {}, SHORT);
            try {
                assertThat(server.connections.await(30, TimeUnit.SECONDS)).as("the stream reconnected").isTrue();
            } finally {
                stream.close();
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(120) // without the fix this hangs: fail it instead of the whole build
    void aBackupThatStopsMidFileFailsInsteadOfHanging(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String health = "{\"data\":{\"status\":\"ok\",\"version\":\"" + fazt.core.Version.get() + "\",\"uptime_seconds\":1,"
                + "\"data_path\":\"d\",\"base_domains\":[\"localhost\"],\"js_engine\":\"x\",\"memory\":{\"heap_used_bytes\":1,"
                + "\"heap_max_bytes\":1,\"rss_bytes\":1},\"apps\":0}}";
        try (StallingServer server = new StallingServer(request -> request.startsWith("GET /api/system/health")
                ? "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + health.length()
                        + "\r\n\r\n" + health
                : "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.sqlite3\r\nContent-Length: 100000\r\n\r\nSQLite format 3")) {
            AdminApiClient.Limits limits = new AdminApiClient.Limits(SHORT, SHORT, SHORT, SHORT);
            RemoteNode node = RemoteNode.peer("stuck", server.uri(), "fzt_t", PeerContact.IGNORE, limits);
            java.nio.file.Path copy = dir.resolve("copy.db");
            assertThatThrownBy(() -> node.backup(copy)).isInstanceOf(FaztException.class).hasMessageContaining("backup from stuck failed");
            assertThat(copy).doesNotExist();
        }
    }

    /** Answers every connection with {@code head} and then sends nothing more, keeping the socket open. */
    private static final class StallingServer implements AutoCloseable {
        final CountDownLatch connections = new CountDownLatch(2);
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        StallingServer(String head) throws IOException {
            this(request -> head);
        }

        /** {@code answers} gives the bytes to send for a request head. */
        StallingServer(java.util.function.Function<String, String> answers) throws IOException {
            acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        Socket s = socket.accept();
                        open.add(s);
                        Thread.ofVirtual().start(() -> answer(s, answers));
                    }
                } catch (IOException e) {
                    // closed
                }
            });
        }

        private void answer(Socket s, java.util.function.Function<String, String> answers) {
            try {
                // read the request head so the client is not refused mid-send
                byte[] buf = new byte[8192];
                StringBuilder request = new StringBuilder();
                while (!request.toString().contains("\r\n\r\n")) {
                    int n = s.getInputStream().read(buf);
                    if (n < 0) return;
                    request.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                }
                OutputStream out = s.getOutputStream();
                out.write(answers.apply(request.toString()).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                connections.countDown();
            } catch (IOException e) {
                // the client went away
            }
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : open) s.close();
            acceptor.interrupt();
        }
    }
}
