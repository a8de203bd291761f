package fazt.server.admin;

import fazt.core.Json;
import fazt.core.logs.LogFollower;
import fazt.core.logs.LogLine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what a {@link LogFollower} yields as Server-Sent Events: {@code id: <id>} and
 * {@code data: <json line>} per line, and a {@code : ping} comment after 15 s without one, which
 * keeps proxies and the idle timeout from closing a quiet stream and reveals a client that left
 * (its write fails). It runs on the request's virtual thread until the client goes away or the
 * server stops.
 */
final class LogEventStream {
    private static final Logger log = LoggerFactory.getLogger(LogEventStream.class);
    private static final long PING_NANOS = TimeUnit.SECONDS.toNanos(15);
    /** How often the loop wakes to see whether the server is stopping, so a stop never waits for a quiet stream. */
    private static final long WAKE_MILLIS = 1000;

    private final LogFollower follower;

    LogEventStream(LogFollower follower) {
        this.follower = follower;
    }

    void send(Request request, Response response, Callback callback) {
        Server server = request.getConnectionMetaData().getConnector().getServer();
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put("X-Accel-Buffering", "no"); // tells nginx not to hold events back
        try (follower) {
            write(response, ": connected\n\n"); // sends the headers now, so the client knows it is connected
            long lastWrite = System.nanoTime();
            while (server.isRunning() && !server.isStopping()) {
                LogLine line = follower.poll(WAKE_MILLIS);
                if (line != null) {
                    write(response, "id: " + line.id() + "\ndata: " + Json.MAPPER.writeValueAsString(line) + "\n\n");
                    lastWrite = System.nanoTime();
                } else if (System.nanoTime() - lastWrite >= PING_NANOS) {
                    write(response, ": ping\n\n");
                    lastWrite = System.nanoTime();
                }
            }
            response.write(true, null, callback);
        } catch (IOException e) {
            callback.failed(e); // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
        } catch (RuntimeException e) {
            // the headers are gone, so no error envelope can follow: end the stream, the client reconnects
            log.warn("log stream ended: {}", e.getMessage());
            callback.failed(e);
        }
    }

    private static void write(Response response, String event) throws IOException {
        try (Blocker.Callback done = Blocker.callback()) {
            response.write(false, ByteBuffer.wrap(event.getBytes(StandardCharsets.UTF_8)), done);
            done.block();
        }
    }
}
