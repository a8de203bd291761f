package fazt.server.admin;

import fazt.core.Json;
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
 * Sends what a {@link Source} yields as Server-Sent Events (the log stream, the change stream):
 * {@code id: <id>} and {@code data: <json>} per event, and a {@code : ping} comment after 15 s
 * without one (sooner when the connection's idle timeout, {@code http_idle_timeout_ms}, is shorter:
 * at half of it), which keeps proxies and the idle timeout from closing a quiet stream and reveals
 * a client that left (its write fails). It runs on the request's virtual thread until the client
 * goes away or the server stops.
 */
final class EventStream {
    private static final Logger log = LoggerFactory.getLogger(EventStream.class);
    private static final long PING_NANOS = TimeUnit.SECONDS.toNanos(15);
    /** How often the loop wakes to see whether the server is stopping, so a stop never waits for a quiet stream. */
    private static final long WAKE_MILLIS = 1000;

    /** Where the events come from; closed when the stream ends. */
    interface Source extends AutoCloseable {
        /** The next event, or null when none came within {@code waitMillis}. */
        Event poll(long waitMillis) throws InterruptedException;

        @Override
        void close();
    }

    /** One event: its id, and the value sent as JSON data (none when null: the event only moves the client's last id). */
    record Event(long id, Object data) {}

    private final Source source;

    EventStream(Source source) {
        this.source = source;
    }

    void send(Request request, Response response, Callback callback) {
        Server server = request.getConnectionMetaData().getConnector().getServer();
        long idleNanos = TimeUnit.MILLISECONDS.toNanos(request.getConnectionMetaData().getConnection().getEndPoint().getIdleTimeout());
        long pingNanos = idleNanos > 0 ? Math.min(PING_NANOS, idleNanos / 2) : PING_NANOS;
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put("X-Accel-Buffering", "no"); // tells nginx not to hold events back
        try (source) {
            write(response, ": connected\n\n"); // sends the headers now, so the client knows it is connected
            long lastWrite = System.nanoTime();
            while (server.isRunning() && !server.isStopping()) {
                Event event = source.poll(Math.min(WAKE_MILLIS, TimeUnit.NANOSECONDS.toMillis(pingNanos) / 2 + 1));
                if (event != null) {
                    write(response, "id: " + event.id() + "\n"
                            + (event.data() == null ? "" : "data: " + Json.MAPPER.writeValueAsString(event.data()) + "\n") + "\n");
                    lastWrite = System.nanoTime();
                } else if (System.nanoTime() - lastWrite >= pingNanos) {
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
            log.warn("event stream ended: {}", e.getMessage());
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
