import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of bench/realtime.sh (run as a single-file program): opens CONNECTIONS
 * WebSockets on an app's /_ws, each subscribed to "all" and the first FANOUT also to "fan";
 * prints "held N MS", waits for a line on stdin, then asks the app's function for ROUNDS rounds of
 * PER_ROUND broadcasts to "fan" and prints "fanout SUBSCRIBERS MESSAGES MS CLOSED".
 *
 * Usage: java RealtimeLoad.java PORT HOST CONNECTIONS FANOUT ROUNDS PER_ROUND
 */
public final class RealtimeLoad {
    static final AtomicLong fanReceived = new AtomicLong();
    static final AtomicLong closed = new AtomicLong();

    static final class Client implements WebSocket.Listener {
        final CountDownLatch subscribed;
        final StringBuilder partial = new StringBuilder();

        Client(int channels) {
            subscribed = new CountDownLatch(channels);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String m = partial.toString();
                partial.setLength(0);
                if (m.startsWith("{\"type\":\"subscribed\"")) subscribed.countDown();
                else if (m.startsWith("{\"type\":\"message\",\"channel\":\"fan\"")) fanReceived.incrementAndGet();
                else if (m.startsWith("{\"type\":\"ping\"")) ws.sendText("{\"type\":\"pong\"}", true);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            closed.incrementAndGet();
            System.err.println("closed by the server: " + code + " " + reason);
            return null;
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String host = args[1];
        int connections = Integer.parseInt(args[2]);
        int fanout = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        int perRound = Integer.parseInt(args[5]);
        var pool = Executors.newVirtualThreadPerTaskExecutor();
        HttpClient http = HttpClient.newBuilder().executor(pool).connectTimeout(Duration.ofSeconds(30)).build();
        URI uri = URI.create("ws://127.0.0.1:" + port + "/_ws");
        Semaphore handshakes = new Semaphore(64);
        List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            boolean fan = i < fanout;
            opening.add(CompletableFuture.supplyAsync(() -> {
                handshakes.acquireUninterruptibly();
                try {
                    Client c = new Client(fan ? 2 : 1);
                    WebSocket ws = http.newWebSocketBuilder().header("Host", host + ":" + port).buildAsync(uri, c).join();
                    ws.sendText("{\"type\":\"subscribe\",\"channel\":\"all\"}", true).join();
                    if (fan) ws.sendText("{\"type\":\"subscribe\",\"channel\":\"fan\"}", true).join();
                    if (!c.subscribed.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("no subscribed answer");
                    return ws;
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    handshakes.release();
                }
            }, pool));
        }
        List<WebSocket> open = new ArrayList<>();
        for (CompletableFuture<WebSocket> f : opening) open.add(f.join());
        System.out.println("held " + open.size() + " " + (System.nanoTime() - t0) / 1_000_000);
        System.out.flush();
        new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();

        long expected = (long) rounds * perRound * fanout;
        long t1 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/fan?n=" + perRound))
                    .header("Host", host).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) throw new IllegalStateException("the function answered " + answer.statusCode() + ": " + answer.body());
            // at most two rounds on their way, so a reader that keeps up is never near its queue's bound
            long previous = (long) r * perRound * fanout;
            while (fanReceived.get() < previous && closed.get() == 0) Thread.sleep(1);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (fanReceived.get() < expected && closed.get() == 0 && System.nanoTime() < deadline) Thread.sleep(1);
        long ms = (System.nanoTime() - t1) / 1_000_000;
        System.out.println("fanout " + fanout + " " + fanReceived.get() + " " + ms + " " + closed.get());
        System.out.flush();
        for (WebSocket ws : open) ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        Thread.sleep(500);
        System.exit(fanReceived.get() == expected ? 0 : 1);
    }
}
