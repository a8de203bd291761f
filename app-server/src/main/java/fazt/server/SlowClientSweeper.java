package fazt.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.NegotiatingServerConnection;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections that hold the server up by sending slowly, which an idle timeout alone never
 * does (each byte restarts it): request headers not complete {@code http_header_timeout_ms} after
 * their first byte (answered 408 first), a TLS handshake not done that long after the connection
 * opened, and a request body slower than {@code http_body_min_rate} bytes a second once its
 * {@code http_body_timeout_ms} grace is over. Only time the server spent waiting for the body
 * counts against it, so a request queued for a function slot is not blamed on its client. It also
 * gives the listeners the current {@code http_idle_timeout_ms} for new connections.
 *
 * <p>It looks at every open connection a few times a second (the tick follows the shortest
 * timeout); WebSocket and HTTP/2 connections, and responses being sent (server-sent event streams
 * included), are left to the idle timeout and their own heartbeats. Jetty keeps an HTTP/1
 * connection's parser state in {@code HttpConnection}, which is read here.
 */
final class SlowClientSweeper extends AbstractLifeCycle {
    private static final Logger log = LoggerFactory.getLogger(SlowClientSweeper.class);
    private static final byte[] HEADER_TIMEOUT_REPLY = ("HTTP/1.1 408 Request Timeout\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Connection: close\r\nContent-Length: 50\r\n\r\nthe request headers did not arrive in time (408)\r\n").getBytes(StandardCharsets.UTF_8);

    private final Supplier<ConnectionLimits> limits;
    private final List<ServerConnector> connectors;
    private final ConnectionsPerAddress perAddress;
    /** The body being received on each connection that is in one, by the request's start. */
    private final Map<EndPoint, BodyWatch> bodies = new ConcurrentHashMap<>();
    /** Connections told 408 whose reply is still being written: told once, then closed. */
    private final Set<EndPoint> answered = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;
    private long lastTick;

    /** What is known of one request body: when it began, the connection's bytes then, and the waiting time charged so far. */
    private record BodyWatch(long requestBegin, long bytesAtStart, long chargedMs) {}

    SlowClientSweeper(Supplier<ConnectionLimits> limits, List<ServerConnector> connectors, ConnectionsPerAddress perAddress) {
        this.limits = limits;
        this.connectors = List.copyOf(connectors);
        this.perAddress = perAddress;
    }

    @Override
    protected void doStart() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("fazt-slow-clients").factory());
        lastTick = NanoTime.now();
        schedule();
    }

    @Override
    protected void doStop() {
        timer.shutdownNow();
        bodies.clear();
        answered.clear();
    }

    private void schedule() {
        ConnectionLimits l = limits.get();
        long shortest = Math.min(l.headerTimeoutMs(), l.bodyTimeoutMs());
        long tick = Math.max(50, Math.min(1000, shortest / 5));
        try {
            timer.schedule(this::sweep, tick, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // stopping: no further sweep
        }
    }

    private void sweep() {
        try {
            ConnectionLimits l = limits.get();
            long now = NanoTime.now();
            long sinceLast = NanoTime.millisElapsed(lastTick, now);
            lastTick = now;
            Set<EndPoint> seen = new HashSet<>();
            for (ServerConnector connector : connectors) {
                if (connector.getIdleTimeout() != l.idleTimeoutMs()) connector.setIdleTimeout(l.idleTimeoutMs());
                for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                    seen.add(endPoint);
                    check(endPoint, l, now, sinceLast);
                }
            }
            bodies.keySet().retainAll(seen);
            answered.retainAll(seen);
            perAddress.forgetClosed();
        } catch (RuntimeException e) {
            log.warn("checking for slow clients: {}", e.toString());
        } finally {
            schedule();
        }
    }

    private void check(EndPoint network, ConnectionLimits l, long now, long sinceLast) {
        EndPoint http = network;
        Connection connection = network.getConnection();
        if (connection instanceof SslConnection tls) {
            http = tls.getSslEndPoint();
            connection = http.getConnection();
            if (connection instanceof NegotiatingServerConnection
                    && System.currentTimeMillis() - network.getCreatedTimeStamp() > l.headerTimeoutMs()) {
                close(network, "its TLS handshake was not done in time");
                return;
            }
        }
        if (!(connection instanceof HttpConnection h1)) return;
        HttpParser parser = h1.getParser();
        if (parser.inHeaderState() && parser.getState() != HttpParser.State.START) {
            if (NanoTime.millisSince(parser.getBeginNanoTime()) > l.headerTimeoutMs()) answerHeaderTimeout(network, http);
        } else if (parser.inContentState()) {
            checkBody(network, http, h1, parser.getBeginNanoTime(), l, sinceLast);
        } else {
            bodies.remove(network);
        }
    }

    private void checkBody(EndPoint network, EndPoint http, HttpConnection h1, long requestBegin, ConnectionLimits l, long sinceLast) {
        long bytesIn = h1.getBytesIn();
        BodyWatch watch = bodies.get(network);
        if (watch == null || watch.requestBegin() != requestBegin) watch = new BodyWatch(requestBegin, bytesIn, 0);
        // charged only while the server waits to read: a handler not reading yet holds the client back itself
        else if (http.isFillInterested()) watch = new BodyWatch(requestBegin, watch.bytesAtStart(), watch.chargedMs() + sinceLast);
        bodies.put(network, watch);
        if (watch.chargedMs() > l.bodyAllowanceMs(bytesIn - watch.bytesAtStart())) {
            close(network, "its request body came slower than " + l.bodyMinRate() + " bytes a second");
        }
    }

    private void answerHeaderTimeout(EndPoint network, EndPoint http) {
        if (!answered.add(network)) return;
        log.debug("closing a connection from {}: its request headers were not complete in time", network.getRemoteSocketAddress());
        try {
            http.write(Callback.from(network::close, failure -> network.close()), ByteBuffer.wrap(HEADER_TIMEOUT_REPLY));
        } catch (RuntimeException e) {
            network.close();
        }
    }

    private void close(EndPoint network, String why) {
        log.debug("closing a connection from {}: {}", network.getRemoteSocketAddress(), why);
        bodies.remove(network);
        network.close();
    }
}
