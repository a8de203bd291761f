package fazt.core.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.FaztException;
import fazt.core.Ids;
import fazt.core.identity.Users;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Realtime for every app of the instance: one {@link AppHub} per app, the connection caps (per
 * app, and per client address over all apps), and the heartbeat that pings every connection and
 * closes those that stopped answering. The HTTP layer admits a connection with {@link #connect}
 * and hands its frames to the {@link RealtimeClient}; functions reach their app's hub only.
 */
public final class Realtime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Realtime.class);
    /** The largest message a client may send; a bigger one closes the connection. */
    public static final int MAX_INBOUND_BYTES = 64 * 1024;
    /** How long a closing connection may take to answer the close before it is dropped. */
    static final long CLOSE_GRACE_MS = 5_000;

    private record Rules(JsonNode manifest, ChannelRules rules) {}

    private final Supplier<RealtimeLimits> limits;
    private final Function<String, Optional<JsonNode>> activeManifest;
    private final Map<String, AppHub> hubs = new ConcurrentHashMap<>();
    private final Map<String, Rules> rules = new ConcurrentHashMap<>();
    private final Map<String, Integer> perAddress = new HashMap<>();
    private final ScheduledExecutorService timer;
    private volatile boolean closed;

    /** {@code activeManifest} gives an app's active manifest, where the channel rules are. */
    public Realtime(Supplier<RealtimeLimits> limits, Function<String, Optional<JsonNode>> activeManifest) {
        this.limits = limits;
        this.activeManifest = activeManifest;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("fazt-realtime").unstarted(r));
        scheduleHeartbeat();
    }

    public RealtimeLimits limits() {
        return limits.get();
    }

    /**
     * Admits a connection of {@code appId} from {@code address} ({@code user} null when nobody is
     * signed in), or refuses it with 429 when a cap is reached. The client counts from here on, so
     * the caller must {@link RealtimeClient#closed()} it if the handshake fails.
     */
    public synchronized RealtimeClient connect(String appId, String address, Users.User user) {
        if (closed) throw new FaztException(FaztException.Kind.UNAVAILABLE, "STOPPING", "the server is stopping");
        RealtimeLimits l = limits.get();
        AppHub hub = hub(appId);
        if (hub.count() >= l.maxPerApp()) {
            throw tooMany("this app has its maximum of " + l.maxPerApp() + " live connections (setting realtime_max_connections_per_app)");
        }
        if (perAddress.getOrDefault(address, 0) >= l.maxPerAddress()) {
            throw tooMany("your address has its maximum of " + l.maxPerAddress() + " live connections (setting realtime_max_connections_per_ip)");
        }
        perAddress.merge(address, 1, Integer::sum);
        RealtimeClient client = new RealtimeClient(Ids.newId("ws"), hub, address, user, System.currentTimeMillis(), l.queueMessages());
        hub.add(client);
        return client;
    }

    private static FaztException tooMany(String message) {
        return new FaztException(FaztException.Kind.TOO_MANY_REQUESTS, "TOO_MANY_CONNECTIONS", message + "; try again later");
    }

    void remove(RealtimeClient client) {
        if (!client.hub().remove(client)) return; // its own hub: a deleted app's is no longer listed
        synchronized (this) {
            perAddress.computeIfPresent(client.address(), (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** The hub of an app (made on first use): what its functions broadcast through. */
    public AppHub hub(String appId) {
        return hubs.computeIfAbsent(appId, id -> new AppHub(id, this));
    }

    /** Open connections of an app. */
    public int connections(String appId) {
        AppHub hub = hubs.get(appId);
        return hub == null ? 0 : hub.count();
    }

    /** The channel rules of the app's active version, parsed once per version. */
    ChannelRules rulesOf(String appId) {
        Optional<JsonNode> manifest = activeManifest.apply(appId);
        if (manifest.isEmpty()) return ChannelRules.OPEN;
        Rules known = rules.get(appId);
        if (known != null && known.manifest() == manifest.get()) return known.rules();
        ChannelRules parsed = ChannelRules.of(manifest.get());
        rules.put(appId, new Rules(manifest.get(), parsed));
        return parsed;
    }

    /** The app was deleted: its connections close. */
    public void forget(String appId) {
        AppHub hub = hubs.remove(appId);
        rules.remove(appId);
        if (hub != null) closeAll(hub, "the app was deleted");
    }

    private static void closeAll(AppHub hub, String reason) {
        for (RealtimeClient c : hub.clients()) c.close(CloseCodes.GOING_AWAY, reason);
    }

    void abortLater(Connection connection) {
        try {
            timer.schedule(connection::abort, CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            connection.abort(); // stopping
        }
    }

    private void scheduleHeartbeat() {
        try {
            timer.schedule(this::heartbeat, limits.get().pingIntervalMs(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    /** Closes connections that did not answer the last ping, and pings the others. */
    private void heartbeat() {
        try {
            long now = System.currentTimeMillis();
            for (AppHub hub : hubs.values()) {
                for (RealtimeClient c : hub.clients()) {
                    if (!c.alive(now)) c.close(CloseCodes.GOING_AWAY, "no answer to ping");
                }
            }
        } catch (RuntimeException e) {
            log.warn("realtime heartbeat failed: {}", e.toString());
        } finally {
            if (!closed) scheduleHeartbeat();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (AppHub hub : hubs.values()) closeAll(hub, "the server is stopping");
        timer.shutdownNow();
    }
}
