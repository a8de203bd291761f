package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.core.Fazt;
import fazt.core.Json;
import fazt.core.apps.Bundle;
import fazt.core.db.DataFileQueries;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing a client was told succeeded is lost to a {@code kill -9}: a child JVM runs
 * {@code fazt --server} while 20 clients write KV entries and documents through a function; it is
 * killed at a random moment (counted from the first answered write), and every write that was
 * answered 200 must then be in data.db, which must pass SQLite's integrity check.
 * {@code fazt.crash.rounds} rounds (3 here; bench/crash.sh runs 20), each with its own random kill
 * point, printed with its seed.
 */
class CrashUnderWritesTest {
    private static final int CLIENTS = 20;
    private static final String MAIN = """
            var k = request.query.k;
            fazt.storage.kv.set(k, {by: k});
            fazt.storage.ds.insert('acks', {k: k});
            respond({ok: true})
            """;

    @TempDir Path tmp;

    @Test
    void everyAcknowledgedWriteSurvivesAKillDashNine() throws Exception {
        Path data = tmp.resolve("data.db");
        String appId;
        try (Fazt fazt = Fazt.open(data, Map.of(), Map.of())) {
            Map<String, byte[]> files = Map.of("index.html", "w".getBytes(StandardCharsets.UTF_8),
                    "api/main.js", MAIN.getBytes(StandardCharsets.UTF_8));
            appId = fazt.apps().deploy("writer", Bundle.of(files), null).id();
        }
        int rounds = Integer.getInteger("fazt.crash.rounds", 3);
        long seed = Long.getLong("fazt.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int round = 1; round <= rounds; round++) {
            int killAfterMs = 300 + random.nextInt(2_000);
            List<String> acknowledged = writeUntilKilled(data, round, killAfterMs);
            System.out.printf("CrashUnderWritesTest: round %d of %d (seed %d): killed %d ms after the first answered write, %d acknowledged%n",
                    round, rounds, seed, killAfterMs, acknowledged.size());
            assertThat(acknowledged).as("round %d: writes answered before the kill (none: the kill tested nothing)", round)
                    .isNotEmpty();
            try (Fazt fazt = Fazt.open(data, Map.of(), Map.of())) {
                assertThat(DataFileQueries.of(fazt.database()).text("PRAGMA integrity_check")).isEqualTo("ok");
                for (String k : acknowledged) {
                    assertThat(fazt.kv().get(appId, k)).as("round %d (seed %d): KV entry %s", round, seed, k).isPresent();
                    ObjectNode query = Json.MAPPER.createObjectNode().put("k", k);
                    assertThat(fazt.docs().count(appId, "acks", query)).as("round %d (seed %d): document %s", round, seed, k)
                            .isEqualTo(1);
                }
            }
        }
    }

    /** Starts the server in a child JVM, writes from {@link #CLIENTS} threads, SIGKILLs it; returns the keys answered 200. */
    private List<String> writeUntilKilled(Path data, int round, long killAfterMs) throws Exception {
        int port = freePort();
        Path log = tmp.resolve("server-" + round + ".log");
        Process server = startServer(data, port, log);
        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            awaitReady(http, port, server, log);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String prefix = "r" + round + "-c" + c + "-";
                clients.add(Thread.ofVirtual().start(() -> {
                    for (int n = 0; ; n++) {
                        String k = prefix + n;
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/api/w?k=" + k))
                                    .header("Host", "writer.localhost").timeout(Duration.ofSeconds(30))
                                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200) return; // a write that failed is not acknowledged
                            acknowledged.add(k);
                        } catch (IOException | InterruptedException e) {
                            return; // the server is gone
                        }
                    }
                }));
            }
            // the kill point counts from the first answered write, so a slow start on a busy machine still leaves writes to test
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.isEmpty() && System.nanoTime() < giveUp) Thread.sleep(10);
            Thread.sleep(killAfterMs);
            server.destroyForcibly(); // SIGKILL
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            for (Thread t : clients) t.join(Duration.ofSeconds(60));
        } finally {
            server.destroyForcibly();
        }
        return new ArrayList<>(acknowledged);
    }

    private static Process startServer(Path data, int port, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String flags = System.getProperty("fazt.test.jvmFlags", "").trim();
        if (!flags.isEmpty()) cmd.addAll(Arrays.asList(flags.split("\\s+")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "fazt.server.cli.Main",
                "--server", "--bind", "127.0.0.1", "--port", Integer.toString(port), "--data", data.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("FAZT_"));
        return pb.start();
    }

    private static void awaitReady(HttpClient http, int port, Process server, Path log) throws Exception {
        // 5 minutes: on a machine loaded by other builds (load average 50 on 2 cores) a child JVM took over 2 to start
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < giveUp && server.isAlive()) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/w?k=warm-up"))
                        .header("Host", "writer.localhost").POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not answer its function within 5 minutes; its output:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
