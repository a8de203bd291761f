import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hostile side of bench/hostile.sh, one virtual thread per connection (single-file program:
 * {@code java bench/HostileLoad.java PORT HOST IDLE SLOW_HEADERS SLOW_BODIES FLOOD_ADDRESS WATCH_SECONDS}).
 *
 * <ul>
 *   <li>IDLE connections that never send a byte, spread over 127.0.0.10 and up, 200 per address
 *       (under the per-address cap, so only the idle timeout can close them);
 *   <li>SLOW_HEADERS connections from 127.0.0.8 sending one header line a second, never ending them;
 *   <li>SLOW_BODIES connections from 127.0.0.9 posting a 500 kB body to HOST's function at 10 bytes a second;
 *   <li>a flood from FLOOD_ADDRESS: 8 loops that open a connection, ask for {@code /} and, when
 *       served, keep it open; a refused one (503 or closed) is counted and the loop tries again.
 * </ul>
 * Prints {@code ready} once the idle, slow and first flood connections are open, then after
 * WATCH_SECONDS one {@code result key=value ...} line: how many of each kind the server closed
 * (and the latest close, in seconds from the start), the flood's served, refused and most held at once.
 */
public class HostileLoad {
    static final long START = System.nanoTime();
    static volatile boolean running = true;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String host = args[1];
        int idle = Integer.parseInt(args[2]);
        int slowHeaders = Integer.parseInt(args[3]);
        int slowBodies = Integer.parseInt(args[4]);
        String floodFrom = args[5];
        int watchSeconds = Integer.parseInt(args[6]);

        Tally idleClosed = new Tally();
        Tally headersClosed = new Tally();
        Tally answered408 = new Tally();
        Tally bodiesClosed = new Tally();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < idle; i++) {
            Socket s = open("127.0.0." + (10 + i / 200), port);
            threads.add(Thread.ofVirtual().start(() -> idleClosed.count(readUntilClosed(s) != null)));
        }
        for (int i = 0; i < slowHeaders; i++) {
            Socket s = open("127.0.0.8", port);
            write(s, "GET / HTTP/1.1\r\nHost: " + host + "\r\n");
            threads.add(Thread.ofVirtual().start(() -> trickle(s, n -> "X-Slow-" + n + ": x\r\n", 1000)));
            threads.add(Thread.ofVirtual().start(() -> {
                String got = readUntilClosed(s);
                headersClosed.count(got != null);
                answered408.count(got != null && got.startsWith("HTTP/1.1 408 "));
            }));
        }
        for (int i = 0; i < slowBodies; i++) {
            Socket s = open("127.0.0.9", port);
            write(s, "POST /api/upload HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: text/plain\r\nContent-Length: 500000\r\n\r\n");
            threads.add(Thread.ofVirtual().start(() -> trickle(s, n -> "0123456789", 1000)));
            threads.add(Thread.ofVirtual().start(() -> bodiesClosed.count(readUntilClosed(s) != null)));
        }
        Flood flood = new Flood(floodFrom, port, host);
        for (int i = 0; i < 8; i++) threads.add(Thread.ofVirtual().start(flood::loop));
        while (flood.served.get() + flood.refused.get() < 300) Thread.sleep(50);
        System.out.println("ready");
        System.out.flush();

        Thread.sleep(watchSeconds * 1000L);
        running = false;
        System.out.printf("result idle=%d idle_closed=%d idle_last_s=%.1f slow_headers=%d slow_headers_closed=%d answered_408=%d "
                        + "slow_headers_last_s=%.1f slow_bodies=%d slow_bodies_closed=%d slow_bodies_last_s=%.1f "
                        + "flood_served=%d flood_refused=%d flood_most_held=%d%n",
                idle, idleClosed.n.get(), idleClosed.lastSeconds(), slowHeaders, headersClosed.n.get(), answered408.n.get(),
                headersClosed.lastSeconds(), slowBodies, bodiesClosed.n.get(), bodiesClosed.lastSeconds(),
                flood.served.get(), flood.refused.get(), flood.mostHeld.get());
        System.out.flush();
        System.exit(0);
    }

    /** How many connections of a kind the server closed, and when the last one went. */
    static final class Tally {
        final AtomicInteger n = new AtomicInteger();
        final AtomicLong lastNanos = new AtomicLong(START);

        void count(boolean closed) {
            if (!closed) return;
            n.incrementAndGet();
            lastNanos.accumulateAndGet(System.nanoTime(), Math::max);
        }

        double lastSeconds() {
            return (lastNanos.get() - START) / 1e9;
        }
    }

    /** Connections from one address, opened as fast as the server answers; served ones are kept open. */
    static final class Flood {
        final String from;
        final int port;
        final String host;
        final AtomicInteger served = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger held = new AtomicInteger();
        final AtomicInteger mostHeld = new AtomicInteger();

        Flood(String from, int port, String host) {
            this.from = from;
            this.port = port;
            this.host = host;
        }

        void loop() {
            while (running) {
                try {
                    Socket s = open(from, port);
                    write(s, "GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
                    byte[] first = new byte[12];
                    int n = s.getInputStream().readNBytes(first, 0, first.length);
                    if (n == 12 && new String(first, StandardCharsets.ISO_8859_1).equals("HTTP/1.1 200")) {
                        served.incrementAndGet();
                        mostHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
                        Thread.ofVirtual().start(() -> {
                            readUntilClosed(s); // held until the idle timeout closes it
                            held.decrementAndGet();
                        });
                    } else {
                        refused.incrementAndGet();
                        s.close();
                    }
                } catch (IOException e) {
                    refused.incrementAndGet();
                }
            }
        }
    }

    static Socket open(String from, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        return s;
    }

    static void write(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    static void trickle(Socket s, java.util.function.IntFunction<String> piece, long everyMillis) {
        try {
            for (int n = 0; running; n++) {
                Thread.sleep(everyMillis);
                write(s, piece.apply(n));
            }
        } catch (IOException | InterruptedException e) {
            // closed by the server
        }
    }

    /** What the server sent before it closed the connection, or null while the run lasted. */
    static String readUntilClosed(Socket s) {
        StringBuilder got = new StringBuilder();
        try (InputStream in = s.getInputStream()) {
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) >= 0; ) got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            if (!running) return null;
        }
        return running ? got.toString() : null;
    }
}
