package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/**
 * 2,000 connections held open on one app; one broadcast reaches every one of them. The memory
 * they take is printed (client and server share this JVM, so it is an upper bound), not asserted.
 */
class RealtimeManyConnectionsTest {
    static final int CONNECTIONS = 2_000;

    @Test
    void twoThousandConnectionsAllReceiveABroadcast() throws Exception {
        // every connection comes from 127.0.0.1: both caps on one address (the socket's and /_ws's) are raised for them
        try (TestInstance t = new TestInstance(Map.of("realtime_max_connections_per_ip", String.valueOf(CONNECTIONS + 10),
                "http_max_connections_per_ip", String.valueOf(CONNECTIONS + 10), "functions_timeout_ms", "30000"));
                var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            HttpResponse<byte[]> deployed = t.deploy("crowd", TestInstance.zip(Map.of("index.html", "crowd",
                    "api/main.js", "respond({to: fazt.realtime.broadcast('all', {hello: 'everyone'}), open: fazt.realtime.count()})")));
            assertThat(deployed.statusCode()).isEqualTo(200);
            long before = usedHeap();
            HttpClient http = HttpClient.newBuilder().executor(pool).build();
            List<CompletableFuture<RealtimeTestClient>> opening = new ArrayList<>();
            Semaphore handshakes = new Semaphore(32); // as many at once as a busy site's visitors, not a SYN flood
            for (int i = 0; i < CONNECTIONS; i++) {
                opening.add(CompletableFuture.supplyAsync(() -> {
                    handshakes.acquireUninterruptibly();
                    try {
                        RealtimeTestClient c = RealtimeTestClient.open(http, t.port(), "crowd.localhost", null, null);
                        assertThat(c.subscribe("all").get("type").asText()).isEqualTo("subscribed");
                        return c;
                    } finally {
                        handshakes.release();
                    }
                }, pool));
            }
            List<RealtimeTestClient> clients = new ArrayList<>();
            for (CompletableFuture<RealtimeTestClient> f : opening) clients.add(f.join());
            long held = usedHeap();

            HttpResponse<byte[]> r = t.send(t.request("crowd.localhost", "/api/go").POST(HttpRequest.BodyPublishers.noBody()).build());
            JsonNode answer = TestInstance.json(r);
            assertThat(answer.get("to").asInt()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(CONNECTIONS);
            assertThat(answer.get("open").asInt()).isEqualTo(CONNECTIONS);
            for (RealtimeTestClient c : clients) {
                JsonNode m = c.next();
                assertThat(m.get("channel").asText()).isEqualTo("all");
                assertThat(m.get("data").get("hello").asText()).isEqualTo("everyone");
            }
            assertThat(t.fazt.apps().get("crowd").connections()).isEqualTo(CONNECTIONS);
            System.out.printf("realtime: %d connections held; heap %d MB before, %d MB with them open "
                    + "(%.1f KB per connection, client and server in one JVM)%n", CONNECTIONS, before >> 20, held >> 20,
                    (held - before) / 1024.0 / CONNECTIONS);
            for (RealtimeTestClient c : clients) c.close();
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
