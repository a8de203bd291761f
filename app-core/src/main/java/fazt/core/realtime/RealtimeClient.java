package fazt.core.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.core.Json;
import fazt.core.identity.Users;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open {@code /_ws} connection of an app: who it is (an id functions use, the signed-in user
 * if any), its channels, and its outbound queue. At most {@link #MAX_IN_FLIGHT} frames are handed
 * to the socket at a time; the rest wait in the queue, and a client whose queue passes its bound
 * is disconnected with a reason instead of losing messages silently.
 */
public final class RealtimeClient {
    static final int MAX_IN_FLIGHT = 16;

    private final String id;
    private final AppHub hub;
    private final String address;
    private final Users.User user;
    private final long connectedAt;
    private final int queueBound;
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private final AtomicInteger pumping = new AtomicInteger();
    private volatile Connection connection;
    /** Frames handed to the socket and not yet written: a few at once let it write them together. */
    private int inFlight;
    private volatile boolean closing;
    private volatile long lastHeard;
    private volatile long pingedAt;

    RealtimeClient(String id, AppHub hub, String address, Users.User user, long now, int queueBound) {
        this.id = id;
        this.hub = hub;
        this.address = address;
        this.user = user;
        this.connectedAt = now;
        this.lastHeard = now;
        this.queueBound = queueBound;
    }

    public String id() {
        return id;
    }

    public String appId() {
        return hub.appId();
    }

    AppHub hub() {
        return hub;
    }

    String address() {
        return address;
    }

    /** The signed-in user of the connection, or null. */
    public Users.User user() {
        return user;
    }

    Set<String> channels() {
        return channels;
    }

    /** Binds the socket once the handshake is done; what was queued before goes out now. */
    public void opened(Connection connection) {
        this.connection = connection;
        pump();
    }

    /** The socket closed (either side): the client leaves its hub and frees its place under the caps. */
    public void closed() {
        closing = true;
        synchronized (this) {
            queue.clear();
        }
        hub.realtime().remove(this);
    }

    /** Handles one text frame from the client: subscribe, unsubscribe or pong. */
    public void receive(String text) {
        heard();
        JsonNode msg;
        try {
            msg = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            error(null, "not JSON: send {\"type\":\"subscribe\",\"channel\":\"...\"}");
            return;
        }
        String type = msg.path("type").asText("");
        JsonNode channelNode = msg.get("channel");
        String channel = channelNode != null && channelNode.isTextual() ? channelNode.asText() : null;
        switch (type) {
            case "pong" -> { }
            case "subscribe", "unsubscribe" -> {
                if (channel == null) {
                    error(null, type + " needs a \"channel\" (a string)");
                    return;
                }
                String refused = type.equals("subscribe") ? hub.subscribe(this, channel) : hub.unsubscribe(this, channel);
                if (refused != null) error(channel, refused);
                else send(reply(type + "d", channel));
            }
            default -> error(null, "unknown message type '" + type + "'; clients send subscribe, unsubscribe or pong"
                    + " (to publish, call a function that uses fazt.realtime.broadcast)");
        }
    }

    /** A binary frame: not part of the protocol, so the connection ends. */
    public void receiveBinary() {
        close(CloseCodes.UNSUPPORTED_DATA, "send JSON text frames, not binary ones");
    }

    /** Anything from the client (a frame or a pong) shows it is alive. */
    public void heard() {
        lastHeard = System.currentTimeMillis();
    }

    /** A heartbeat: true when the client answered the previous ping (or had none yet), after which it is pinged again. */
    boolean alive(long now) {
        long pinged = pingedAt;
        if (pinged != 0 && lastHeard < pinged) return false;
        pingedAt = now;
        Connection c = connection;
        if (c != null) {
            send(PING);
            c.ping();
        }
        return true;
    }

    private static final String PING = "{\"type\":\"ping\"}";

    private void error(String channel, String message) {
        ObjectNode e = Json.MAPPER.createObjectNode().put("type", "error");
        if (channel != null) e.put("channel", channel);
        send(e.put("error", message).toString());
    }

    private static String reply(String type, String channel) {
        return Json.MAPPER.createObjectNode().put("type", type).put("channel", channel).toString();
    }

    /**
     * Queues one frame. Past the bound the client is disconnected ({@link CloseCodes#TRY_AGAIN_LATER})
     * and the queue dropped: it could not keep up, and a silent gap in its messages would be worse.
     */
    void send(String text) {
        if (closing) return;
        boolean overflow;
        synchronized (this) {
            overflow = queue.size() >= queueBound;
            if (!overflow) queue.add(text);
        }
        if (overflow) close(CloseCodes.TRY_AGAIN_LATER, "too slow: more than " + queueBound + " messages were waiting");
        else pump();
    }

    /**
     * Hands queued frames to the socket while fewer than {@link #MAX_IN_FLIGHT} are unwritten; a
     * completion that comes back on this thread loops here instead of recursing.
     */
    private void pump() {
        if (pumping.getAndIncrement() != 0) return;
        do {
            Connection c = connection;
            while (c != null) {
                String next = null;
                synchronized (this) {
                    if (inFlight < MAX_IN_FLIGHT && !closing) {
                        next = queue.poll();
                        if (next != null) inFlight++;
                    }
                }
                if (next == null) break;
                c.send(next, this::sent, this::sendFailed);
            }
        } while (pumping.decrementAndGet() != 0);
    }

    private void sent() {
        synchronized (this) {
            inFlight--;
        }
        pump();
    }

    private void sendFailed() {
        Connection c = connection;
        closing = true;
        if (c != null) c.abort();
    }

    /**
     * Ends the connection with a code and reason; a peer that does not answer the close is dropped
     * after the grace period.
     */
    public void close(int code, String reason) {
        if (closing) return;
        closing = true;
        synchronized (this) {
            queue.clear();
        }
        Connection c = connection;
        if (c == null) {
            hub.realtime().remove(this);
            return;
        }
        c.close(code, shorten(reason));
        hub.realtime().abortLater(c);
    }

    /** A close reason fits in 123 bytes of UTF-8 (RFC 6455 §5.5). */
    static String shorten(String reason) {
        if (reason == null) return "";
        String r = reason;
        while (r.getBytes(StandardCharsets.UTF_8).length > 123) r = r.substring(0, r.length() - 2) + "…";
        return r;
    }

    /** What {@code fazt.realtime.client(id)} returns: id, user (null for nobody signed in), channels, connectedAt. */
    ObjectNode describe() {
        ObjectNode m = Json.MAPPER.createObjectNode().put("id", id);
        if (user == null) m.putNull("user");
        else m.set("user", Json.MAPPER.valueToTree(user.publicFields()));
        m.set("channels", Json.MAPPER.valueToTree(channels.stream().sorted().toList()));
        return m.put("connectedAt", connectedAt);
    }
}
