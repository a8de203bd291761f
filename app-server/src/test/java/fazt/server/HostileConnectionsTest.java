package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that try to hold the server up, on a real instance over raw sockets: request headers
 * and bodies sent a few bytes at a time, connections that say nothing, and more connections from
 * one address than the cap. Each is closed (or refused) by the documented setting, set short
 * here, while ordinary requests keep being answered and long-lived streams (server-sent events,
 * WebSocket) that keep talking outlive the idle timeout. Waits are generous (30 s) and nothing
 * is timed: what is asserted is what happened to each connection.
 */
class HostileConnectionsTest {
    /** How long a test waits for the server to act before calling the connection still open. */
    private static final int PATIENCE_MS = 30_000;

    private TestInstance t;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) s.close();
        if (t != null) t.close();
    }

    private void start(Map<String, String> flags) {
        t = new TestInstance(flags);
        assertThat(t.deploy("site", TestInstance.zip(Map.of("index.html", "served"))).statusCode()).isEqualTo(200);
    }

    @Test
    void requestHeadersSentSlowlyAreAnswered408AndClosedWhileOthersAreServed() throws Exception {
        start(Map.of("http_header_timeout_ms", "1000", "http_idle_timeout_ms", "600000"));
        Socket slow = connect("127.0.0.1");
        write(slow, "GET / HTTP/1.1\r\nHost: site.localhost\r\n");
        // a header line every 200 ms: each restarts the idle timeout, and the blank line that ends them never comes
        Thread trickle = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                    write(slow, "X-Slow-" + i + ": x\r\n");
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException e) {
                // closed by the server (or the test)
            }
        });
        assertThat(servedPage("127.0.0.1")).isEqualTo("served");

        String answer = readUntilClosed(slow);
        trickle.interrupt();
        assertThat(answer).startsWith("HTTP/1.1 408 ").contains("the request headers did not arrive in time");
        assertThat(servedPage("127.0.0.1")).isEqualTo("served");
    }

    @Test
    void aRequestBodySentSlowerThanTheMinimumRateIsCutOff() throws Exception {
        start(Map.of("http_body_timeout_ms", "1000", "http_body_min_rate", "1000", "http_idle_timeout_ms", "600000"));
        Socket slow = connect("127.0.0.1");
        write(slow, "POST /api/deploy?name=slow HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + t.adminToken()
                + "\r\nContent-Type: application/zip\r\nContent-Length: 5000000\r\n\r\n");
        // 10 bytes every 100 ms: 100 bytes a second, a tenth of the minimum
        Thread trickle = Thread.ofVirtual().start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    write(slow, "PK........");
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // cut off by the server
            }
        });
        assertThat(servedPage("127.0.0.1")).isEqualTo("served");

        String answer = readUntilClosed(slow);
        trickle.interrupt();
        assertThat(answer).doesNotContain("200 OK");
        assertThat(t.api("GET", "/api/apps", t.adminToken(), null, null).body()).asString(StandardCharsets.UTF_8)
                .doesNotContain("\"slow\"");
        assertThat(servedPage("127.0.0.1")).isEqualTo("served");
    }

    @Test
    void aTlsHandshakeNotDoneByTheHeaderTimeoutIsClosed() throws Exception {
        Map<String, String> flags = new LinkedHashMap<>(Map.of("domain", "fazt.test", "https", "manual", "https_port", "0"));
        flags.put("http_header_timeout_ms", "1000");
        flags.put("http_idle_timeout_ms", "600000");
        start(flags);
        Socket slow = new Socket();
        sockets.add(slow);
        slow.connect(new InetSocketAddress("127.0.0.1", t.server.httpsPort()), 10_000);
        slow.setSoTimeout(PATIENCE_MS);
        // the five-byte header of a 200-byte TLS handshake record, and then nothing more
        slow.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xc8});
        slow.getOutputStream().flush();
        assertThat(readUntilClosed(slow)).isEmpty();
        assertThat(servedPage("127.0.0.1")).isEqualTo("served");
    }

    @Test
    void connectionsThatSayNothingAreClosedAfterTheIdleTimeoutButStreamsThatTalkStayOpen() throws Exception {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("http_idle_timeout_ms", "1000");
        flags.put("functions_timeout_ms", "30000"); // a first call on a busy machine waits for the JS engine to warm
        start(flags);
        List<Socket> silent = new ArrayList<>();
        for (int i = 0; i < 50; i++) silent.add(connect("127.0.0.1"));
        Socket keptAlive = connect("127.0.0.1");
        write(keptAlive, "GET / HTTP/1.1\r\nHost: site.localhost\r\n\r\n");
        assertThat(readResponse(keptAlive)).startsWith("HTTP/1.1 200 ").endsWith("served");

        String chat = chatApp();
        RealtimeTestClient live = RealtimeTestClient.open(t, chat);
        try (SseStream changes = SseStream.open(t, "/api/changes")) {
            for (Socket s : silent) assertThat(readUntilClosed(s)).isEmpty();
            assertThat(readUntilClosed(keptAlive)).isEmpty();

            // the event stream pings at half the idle timeout: four pings in a row span twice the timeout
            for (int i = 0; i < 4; i++) assertThat(changes.nextLine()).isEqualTo(": ping");
            assertThat(t.deploy("later", TestInstance.zip(Map.of("index.html", "later"))).statusCode()).isEqualTo(200);
            assertThat(changes.nextLineStartingWith("data: ")).as("a change sent on the stream that outlived the timeout")
                    .startsWith("data: ");

            // the WebSocket, quiet all along, keeps its own timeout (three realtime ping intervals): still open
            assertThat(live.closed).as("the WebSocket").isNotDone();
            assertThat(live.subscribe("room").path("type").asText()).isEqualTo("subscribed");
        } finally {
            live.close();
        }
        assertThat(servedPage("127.0.0.1")).isEqualTo("served");
    }

    @Test
    void oneAddressCannotOpenMoreConnectionsThanTheCapWhileOthersAreServed() throws Exception {
        start(Map.of("http_idle_timeout_ms", "600000"));
        HttpResponse<byte[]> set = t.api("PUT", "/api/system/config", t.adminToken(),
                "{\"http_max_connections_per_ip\": \"5\"}".getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(set.statusCode()).as(new String(set.body(), StandardCharsets.UTF_8)).isEqualTo(200);

        // from 127.0.0.3, which nothing else in the test uses (the test's HTTP client keeps connections from 127.0.0.1)
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Socket s = connect("127.0.0.3");
            write(s, "GET / HTTP/1.1\r\nHost: site.localhost\r\n\r\n");
            assertThat(readResponse(s)).as("connection %d of 5", i + 1).startsWith("HTTP/1.1 200 ");
            held.add(s);
        }
        assertThat(readUntilClosed(connect("127.0.0.3"))).startsWith("HTTP/1.1 503 ")
                .contains("too many open connections from your address (the limit is 5)");
        assertThat(servedPage("127.0.0.2")).as("another address is served meanwhile").isEqualTo("served");

        held.getFirst().close();
        assertThat(servedPageOnceFreed("127.0.0.3")).as("a freed place is given to the next connection").isEqualTo("served");
    }

    @Test
    void limitsThatCannotWorkAreRefusedInWords() {
        start(Map.of());
        Map<String, String> bad = Map.of(
                "{\"http_max_connections_per_ip\": \"0\"}", "setting http_max_connections_per_ip must be from 1 to 2147483647, not 0",
                "{\"http_header_timeout_ms\": \"soon\"}", "setting http_header_timeout_ms must be a whole number, not 'soon'",
                "{\"http_idle_timeout_ms\": \"10\"}", "setting http_idle_timeout_ms must be from 100 to 2147483647, not 10",
                "{\"http_body_min_rate\": \"-1\"}", "setting http_body_min_rate must be from 0 to 2147483647, not -1");
        bad.forEach((body, message) -> {
            HttpResponse<byte[]> r = t.api("PUT", "/api/system/config", t.adminToken(), body.getBytes(StandardCharsets.UTF_8), "application/json");
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(TestInstance.json(r).get("error").get("message").asText()).isEqualTo(message);
        });
        assertThat(t.fazt.config().get("http_max_connections_per_ip")).isEqualTo("256");
    }

    /** A site whose only job is to have a {@code /_ws} (the realtime service needs an app with functions). */
    private String chatApp() {
        assertThat(t.deploy("chat", TestInstance.zip(Map.of("index.html", "chat", "api/main.js", "respond({ok: true})"))).statusCode())
                .isEqualTo(200);
        return "chat.localhost";
    }

    private Socket connect(String from) throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        s.connect(new InetSocketAddress("127.0.0.1", t.port()), 10_000);
        s.setSoTimeout(PATIENCE_MS);
        return s;
    }

    /** The site's page fetched on a connection of its own from {@code from}. */
    private String servedPage(String from) throws IOException {
        Socket s = connect(from);
        write(s, "GET / HTTP/1.1\r\nHost: site.localhost\r\nConnection: close\r\n\r\n");
        String response = readUntilClosed(s);
        assertThat(response).startsWith("HTTP/1.1 200 ");
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    /** As {@link #servedPage}, tried again while the server still counts a connection just closed (it learns of it shortly). */
    private String servedPageOnceFreed(String from) throws Exception {
        String last = "";
        for (int attempt = 0; attempt < 60; attempt++) {
            Socket s = connect(from);
            write(s, "GET / HTTP/1.1\r\nHost: site.localhost\r\nConnection: close\r\n\r\n");
            last = readUntilClosed(s);
            if (last.startsWith("HTTP/1.1 200 ")) return last.substring(last.indexOf("\r\n\r\n") + 4);
            Thread.sleep(500);
        }
        throw new AssertionError("never served again; last answer: " + last);
    }

    private static void write(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Everything the server sends until it closes the connection; fails when it stays open past the patience. */
    private static String readUntilClosed(Socket s) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) got.write(buf, 0, n);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server left the connection open for " + PATIENCE_MS / 1000 + " s; it sent: "
                    + got.toString(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            // reset by the server: closed too
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    /** One response with a Content-Length body, leaving the connection open. */
    private static String readResponse(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new AssertionError("closed before the response ended: " + head);
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
        }
        return headers + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }

    /** A server-sent event stream read line by line as it comes. */
    private record SseStream(Socket socket, BlockingQueue<String> lines) implements AutoCloseable {
        static SseStream open(TestInstance t, String path) throws IOException {
            Socket s = new Socket("127.0.0.1", t.port());
            write(s, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + t.adminToken() + "\r\n\r\n");
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread.ofVirtual().start(() -> {
                StringBuilder line = new StringBuilder();
                try (InputStream in = s.getInputStream()) {
                    for (int b; (b = in.read()) >= 0; ) {
                        if (b != '\n') line.append((char) b);
                        else {
                            lines.add(line.toString().strip());
                            line.setLength(0);
                        }
                    }
                    lines.add("(closed by the server)");
                } catch (IOException e) {
                    lines.add("(closed: " + e.getMessage() + ")");
                }
            });
            return new SseStream(s, lines);
        }

        /** The next ping, event data or end of the stream (ids, chunk sizes, headers skipped); fails when none comes in time. */
        String nextLine() throws InterruptedException {
            while (true) {
                String line = lines.poll(PATIENCE_MS, TimeUnit.MILLISECONDS);
                if (line == null) throw new AssertionError("the stream went quiet");
                if (line.startsWith(":") || line.startsWith("data: ") || line.startsWith("(closed")) {
                    if (!line.equals(": connected")) return line;
                }
            }
        }

        String nextLineStartingWith(String prefix) throws InterruptedException {
            while (true) {
                String line = nextLine();
                if (line.startsWith(prefix) || line.startsWith("(closed")) return line;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
