package fazt.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.util.IO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cap on open connections from one client address ({@code http_max_connections_per_ip}),
 * counted over the HTTP and HTTPS listeners together, loopback included. A connection past the
 * cap is closed as it is accepted, before Jetty gives it any memory; on the plain HTTP listener it
 * first gets a short 503 saying why. Addresses of trusted proxies are not capped: their
 * connections carry many clients. The first refusal for an address is logged; more are not until
 * it drops under the cap again.
 */
final class ConnectionsPerAddress {
    private static final Logger log = LoggerFactory.getLogger(ConnectionsPerAddress.class);

    private final IntSupplier cap;
    private final Predicate<InetAddress> uncapped;
    /** Each counted connection's address: a close is uncounted once however Jetty reports it. */
    private final Map<SelectableChannel, InetAddress> counted = new ConcurrentHashMap<>();
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final Map<InetAddress, Boolean> refusing = new ConcurrentHashMap<>();

    ConnectionsPerAddress(IntSupplier cap, Predicate<InetAddress> uncapped) {
        this.cap = cap;
        this.uncapped = uncapped;
    }

    /** What a listener reports its accepts and closes to; {@code plainHttp}: refusals get a 503 (not on TLS). */
    SelectorManager.AcceptListener listener(boolean plainHttp) {
        return new SelectorManager.AcceptListener() {
            @Override
            public void onAccepting(SelectableChannel channel) {
                accepting(channel, plainHttp);
            }

            @Override
            public void onAcceptFailed(SelectableChannel channel, Throwable cause) {
                release(channel);
            }

            @Override
            public void onClosed(SelectableChannel channel) {
                release(channel);
            }
        };
    }

    /** Open connections from {@code address} as counted now. */
    int openFrom(InetAddress address) {
        return open.getOrDefault(address, 0);
    }

    /** Uncounts connections whose channel closed without Jetty saying so (a listener stopped mid-accept). */
    void forgetClosed() {
        for (SelectableChannel channel : counted.keySet()) {
            if (!channel.isOpen()) release(channel);
        }
    }

    private void accepting(SelectableChannel channel, boolean plainHttp) {
        InetAddress address = peer(channel);
        if (address == null || uncapped.test(address)) return;
        int limit = cap.getAsInt();
        counted.put(channel, address);
        int now = open.merge(address, 1, Integer::sum);
        if (now <= limit) return;
        if (refusing.putIfAbsent(address, Boolean.TRUE) == null) {
            log.warn("refusing connections from {}: it has {} open, the limit (http_max_connections_per_ip)", address.getHostAddress(), limit);
        }
        if (plainHttp) tellRefused(channel, limit);
        release(channel);
        IO.close(channel);
    }

    private void release(SelectableChannel channel) {
        InetAddress address = counted.remove(channel);
        if (address == null) return;
        Integer left = open.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null);
        if (left == null || left < cap.getAsInt()) refusing.remove(address);
    }

    /** A best-effort answer: the channel was just accepted, so a short reply fits its send buffer at once. */
    private static void tellRefused(SelectableChannel channel, int limit) {
        String body = "too many open connections from your address (the limit is " + limit + "); close some and try again\n";
        String reply = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nRetry-After: 5\r\n"
                + "Connection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        try {
            ((SocketChannel) channel).write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            // the client left already; closing is all that is left to do
        }
    }

    private static InetAddress peer(SelectableChannel channel) {
        try {
            return channel instanceof SocketChannel socket && socket.getRemoteAddress() instanceof InetSocketAddress inet
                    ? inet.getAddress() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
