package fazt.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 for functions to fetch from: JSON, an echo, redirects, a large
 * body, and paths that hold the request until the test lets it go or the target closes. It records what it received.
 */
final class FetchTarget implements AutoCloseable {
    record Received(String method, String path, Map<String, List<String>> headers, String body) {}

    final HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger hits = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch stall = new CountDownLatch(1);
    final Map<String, CountDownLatch> arrived = new ConcurrentHashMap<>();

    FetchTarget() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + port();
    }

    int port() {
        return server.getAddress().getPort();
    }

    CountDownLatch arrival(String path) {
        return arrived.computeIfAbsent(path, p -> new CountDownLatch(1));
    }

    private void handle(HttpExchange ex) throws IOException {
        hits.incrementAndGet();
        String path = ex.getRequestURI().getPath();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().toString(), Map.copyOf(ex.getRequestHeaders()), body));
        arrival(path).countDown();
        String query = ex.getRequestURI().getRawQuery();
        switch (path) {
            case "/json" -> send(ex, 200, "application/json", "{\"hello\":\"world\"}");
            case "/echo" -> send(ex, 200, "application/json", "{\"method\":\"" + ex.getRequestMethod() + "\",\"type\":\""
                    + ex.getRequestHeaders().getFirst("Content-Type") + "\",\"host\":\"" + ex.getRequestHeaders().getFirst("Host")
                    + "\",\"body\":" + (body.isEmpty() ? "null" : body) + "}");
            case "/redirect" -> { // ?to=URL[&status=N], 302 by default
                Map<String, String> params = new java.util.HashMap<>();
                for (String pair : query.split("&")) {
                    int eq = pair.indexOf('=');
                    params.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
                ex.getResponseHeaders().add("Location", params.get("to"));
                send(ex, Integer.parseInt(params.getOrDefault("status", "302")), "text/plain", "");
            }
            case "/loop" -> {
                ex.getResponseHeaders().add("Location", "/loop");
                send(ex, 302, "text/plain", "");
            }
            case "/big" -> send(ex, 200, "text/plain", "x".repeat(2000));
            case "/big-chunked" -> {
                ex.getResponseHeaders().add("Content-Type", "text/plain");
                ex.sendResponseHeaders(200, 0); // chunked: no length announced
                try (OutputStream out = ex.getResponseBody()) {
                    for (int i = 0; i < 20; i++) out.write("y".repeat(100).getBytes(StandardCharsets.UTF_8));
                }
            }
            case "/hold" -> {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(ex, 200, "text/plain", "released");
            }
            case "/stall" -> { // answers only when the target closes: for timeouts
                try {
                    stall.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(ex, 200, "text/plain", "late");
            }
            default -> send(ex, 404, "text/plain", "no " + path);
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        release.countDown();
        stall.countDown();
        server.stop(0);
    }
}
