package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.Fazt;
import fazt.core.InstanceLock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fazt --server} as a real process: what it prints, and a clean stop on SIGTERM. */
class ServerProcessTest {
    @TempDir
    Path dir;

    @Test
    void printsItsDataPathAndUrlsAndStopsCleanlyOnSigterm() throws Exception {
        Path data = dir.resolve("data.db");
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Process p = start(lines, "--server", "--port", "0", "--bind", "127.0.0.1", "--data", data.toString());
        Thread reader = readInto(p, lines);
        try {
            int port = waitForPort(lines);
            assertThat(lines).as("output: %s", lines).contains("data  " + data);
            assertThat(InstanceLock.readHolder(data)).get().extracting(InstanceLock.Holder::port).isEqualTo(port);

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).isEqualTo("OK");
            firstStartPrintsAPairingCodeThatWorks(port, lines);
            functionsWorkWithoutTheJit(data, port, lines);
            functionsCanFetch(data, port);

            p.toHandle().destroy(); // SIGTERM, leaving the pipe open so the last lines arrive
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
            assertThat(String.join("\n", lines)).contains("closed " + data);
        } finally {
            p.destroyForcibly();
        }
        assertThat(InstanceLock.readHolder(data)).isEmpty();
        Path wal = dir.resolve("data.db-wal");
        assertThat(!Files.exists(wal) || Files.size(wal) == 0).as("WAL checkpointed at close").isTrue();
        String ownerLine = lines.stream().filter(l -> l.startsWith("owner  admin / ")).findFirst().orElseThrow(
                () -> new AssertionError("the first start prints the generated owner password: " + lines));
        String password = ownerLine.substring("owner  admin / ".length()).split(" ")[0];
        try (Fazt again = Fazt.open(data, Map.of(), Map.of())) {
            assertThat(again.owner().verify("admin", password)).isTrue();
            assertThat(again.apps().idForName("root")).isPresent();
        }
    }

    @Test
    void aDomainAndHttpsGivenOnTheCommandLineApplyAndThePairingAddressIsHttps() throws Exception {
        Path data = dir.resolve("https.db");
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        int httpsPort;
        try (ServerSocket free = new ServerSocket(0)) {
            httpsPort = free.getLocalPort();
        }
        Process p = start(lines, "--server", "--port", "0", "--bind", "127.0.0.1", "--data", data.toString(),
                "--domain", "fazt.test", "--https", "manual", "--https-port", Integer.toString(httpsPort));
        readInto(p, lines);
        try {
            awaitLine(lines, Pattern.compile("^(https port " + httpsPort + ") .*$"));
            awaitLine(lines, Pattern.compile("^pair  .*fazt peer add NAME (https://admin\\.fazt\\.test:" + httpsPort + ") --code .*$"));
        } finally {
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (Fazt again = Fazt.open(data, Map.of(), Map.of())) {
            assertThat(again.config().get("domain")).as("--domain on --server is for this run, as --port is").isEmpty();
        }
    }

    /** {@code fazt} with {@code args} in a child JVM with this test's class path. */
    private static Process start(List<String> lines, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(System.getProperty("fazt.test.jvmFlags", "").trim().split("\\s+")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "fazt.server.cli.Main"));
        cmd.addAll(List.of(args));
        cmd.removeIf(String::isBlank);
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
        builder.environment().put("FAZT_FETCH_ALLOW_PRIVATE", "127.0.0.1"); // lets a function fetch from the instance itself
        return builder.start();
    }

    /** Collects the process's output as it comes (Process.destroy() closes our end of the pipe). */
    private static Thread readInto(Process p, List<String> lines) {
        return Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) lines.add(line);
            } catch (IOException e) {
                // the stream closes when the process ends
            }
        });
    }

    /** The first group of the first output line {@code pattern} matches, waiting up to 60 s for it. */
    private static String awaitLine(List<String> lines, Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            synchronized (lines) {
                for (String l : lines) {
                    Matcher m = pattern.matcher(l);
                    if (m.matches()) return m.group(1);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line like " + pattern + " within 60 s: " + lines);
    }

    /**
     * The child JVM gets the JDK flags but not the Graal compiler jars, so this is also the test of
     * the interpreter fallback: it warns at start, reports itself, and still runs functions.
     */
    private static void functionsWorkWithoutTheJit(Path data, int port, List<String> lines) throws Exception {
        String token = InstanceLock.readHolder(data).orElseThrow().token();
        HttpClient http = HttpClient.newHttpClient();
        byte[] zip = TestInstance.zip(Map.of("index.html", "x", "api/main.js", "respond({sum: [1, 2, 3].reduce((a, b) => a + b)})"));
        HttpResponse<String> deployed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/deploy?name=calc"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        HttpResponse<String> sum = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api"))
                .header("Host", "calc.localhost").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sum.body()).isEqualTo("{\"sum\":6}");
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/system/health"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("\"js_engine\":\"Interpreted\"");
        assertThat(String.join("\n", lines)).contains("WARN").contains("JavaScript engine: Interpreted");
    }

    /**
     * fazt.net.fetch in a process started like the installed app, without the JVM property the
     * tests' own JVM has: Main sets it before any HTTP client exists, so the Host header can be sent.
     */
    private static void functionsCanFetch(Path data, int port) throws Exception {
        String token = InstanceLock.readHolder(data).orElseThrow().token();
        HttpClient http = HttpClient.newHttpClient();
        byte[] zip = TestInstance.zip(Map.of("index.html", "x", "api/main.js",
                "var r = fazt.net.fetch('http://127.0.0.1:" + port + "/health'); respond({status: r.status, body: r.text()})"));
        HttpResponse<String> deployed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/deploy?name=fetcher"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        HttpResponse<String> fetched = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api"))
                .header("Host", "fetcher.localhost").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fetched.body()).isEqualTo("{\"status\":200,\"body\":\"OK\"}");
    }

    /** A fresh data.db: the first start prints a one-time code, which buys an API key once. */
    private static void firstStartPrintsAPairingCodeThatWorks(int port, List<String> lines) throws Exception {
        Pattern pairLine = Pattern.compile("^pair  ([A-Z2-9]{4}-[A-Z2-9]{4})  \\(one-time pairing code, valid 10 minutes: .*fazt peer add NAME http://\\S+ --code .*$");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String code = null;
        while (code == null && System.nanoTime() < deadline) {
            synchronized (lines) {
                code = lines.stream().map(pairLine::matcher).filter(Matcher::matches).map(m -> m.group(1)).findFirst().orElse(null);
            }
            if (code == null) Thread.sleep(50);
        }
        assertThat(code).as("the pairing code line in %s", lines).isNotNull();
        HttpResponse<String> paired = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/peers/pair")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\",\"name\":\"laptop\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(paired.statusCode()).as(paired.body()).isEqualTo(200);
        assertThat(paired.body()).contains("\"token\":\"fzt_");
    }

    private static int waitForPort(List<String> lines) throws InterruptedException {
        return Integer.parseInt(awaitLine(lines, Pattern.compile("^url   http://localhost:(\\d+)$")));
    }
}
