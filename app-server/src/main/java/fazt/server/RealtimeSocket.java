package fazt.server;

import fazt.core.realtime.Connection;
import fazt.core.realtime.RealtimeClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One {@code /_ws} connection on Jetty's side: frames in go to the {@link RealtimeClient}, and
 * what the client decides to send or close goes out. No rule lives here.
 */
public final class RealtimeSocket implements Session.Listener.AutoDemanding, Connection {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final RealtimeClient client;
    private final Duration idleTimeout;
    private volatile Session session;

    RealtimeSocket(RealtimeClient client, Duration idleTimeout) {
        this.client = client;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        session.setIdleTimeout(idleTimeout);
        client.opened(this);
    }

    @Override
    public void onWebSocketText(String message) {
        client.receive(message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        client.receiveBinary();
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        client.heard();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        client.closed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        client.closed();
    }

    @Override
    public void send(String text, Runnable sent, Runnable failed) {
        session.sendText(text, Callback.from(sent, x -> failed.run()));
    }

    @Override
    public void ping() {
        session.sendPing(EMPTY.duplicate(), Callback.NOOP);
    }

    @Override
    public void close(int code, String reason) {
        session.close(code, reason, Callback.NOOP);
    }

    @Override
    public void abort() {
        session.disconnect();
    }
}
