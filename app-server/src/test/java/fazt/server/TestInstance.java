package fazt.server;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Fazt;
import fazt.core.Json;
import fazt.core.Zips;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A real instance for tests: the engine on a fresh data.db in a temp folder and FaztServer on a
 * free port, plus helpers to talk to it over real HTTP with any Host header.
 */
public final class TestInstance implements AutoCloseable {
    public final Path dir;
    public final Fazt fazt;
    public final FaztServer server;
    private final boolean removeOnClose;
    public final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public TestInstance() {
        this(Map.of());
    }

    public TestInstance(Map<String, String> flags) {
        this(newTempDir(), flags, true);
    }

    /** An instance whose scheduled jobs tick by {@code scheduleClock} (a clock the test moves). */
    public TestInstance(Map<String, String> flags, Clock scheduleClock) {
        this(newTempDir(), flags, true, 0, scheduleClock);
    }

    /** An instance on {@code dir}'s data.db that leaves the folder in place on close (for restarts). */
    public TestInstance(Path dir, Map<String, String> flags) {
        this(dir, flags, false);
    }

    /** As {@link #TestInstance(Path, Map)}, serving HTTP on {@code port} (one a test CA was told to validate against). */
    public TestInstance(Path dir, Map<String, String> flags, int port) {
        this(dir, flags, false, port);
    }

    private TestInstance(Path dir, Map<String, String> flags, boolean removeOnClose) {
        this(dir, flags, removeOnClose, 0);
    }

    private TestInstance(Path dir, Map<String, String> flags, boolean removeOnClose, int port) {
        this(dir, flags, removeOnClose, port, Clock.systemUTC());
    }

    private TestInstance(Path dir, Map<String, String> flags, boolean removeOnClose, int port, Clock scheduleClock) {
        this.dir = dir;
        this.removeOnClose = removeOnClose;
        fazt = Fazt.open(dir.resolve("data.db"), flags, Map.of(), scheduleClock);
        try {
            server = new FaztServer(fazt, "127.0.0.1", port).start();
        } catch (RuntimeException e) {
            fazt.close();
            throw e;
        }
    }

    private static Path newTempDir() {
        try {
            return Files.createTempDirectory("fazt-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of an answer as JSON; an answer that is not JSON fails the test. */
    public static JsonNode json(HttpResponse<byte[]> r) {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(r.body(), StandardCharsets.UTF_8), e);
        }
    }

    public int port() {
        return server.port();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** A request to {@code path} with the given Host header (e.g. {@code hello.localhost}). */
    public HttpRequest.Builder request(String host, String path) {
        return HttpRequest.newBuilder(uri(path)).header("Host", host).timeout(Duration.ofSeconds(30));
    }

    public HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> get(String host, String path) {
        return send(request(host, path).GET().build());
    }

    /** An admin API call on localhost with a bearer token (null for none). */
    public HttpResponse<byte[]> api(String method, String path, String token, byte[] body, String contentType) {
        HttpRequest.Builder b = request("localhost", path)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (contentType != null) b.header("Content-Type", contentType);
        return send(b.build());
    }

    /** The per-run admin token (what the CLI on this machine uses). */
    public String adminToken() {
        return server.localToken();
    }

    /**
     * Sends raw bytes on a socket and returns the raw response, read until the server closes the
     * connection (send {@code Connection: close}), for requests no HTTP client would build.
     */
    public String raw(String request) {
        try (Socket s = new Socket("127.0.0.1", port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) got.write(buf, 0, n);
            return got.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "IO: " + e.getMessage();
        }
    }

    /** A zip of the given path → content entries, in order. */
    public static byte[] zip(Map<String, ?> entries) {
        return Zips.of(entries);
    }

    /** Deploys a zip through the real HTTP API (raw zip body) and returns the response. */
    public HttpResponse<byte[]> deploy(String name, byte[] zip) {
        return api("POST", "/api/deploy?name=" + name, adminToken(), zip, "application/zip");
    }

    @Override
    public void close() {
        server.close();
        fazt.close();
        if (!removeOnClose) return;
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp folder; the OS cleans it eventually
        }
    }
}
