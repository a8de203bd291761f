package fazt.core.js;

import fazt.core.FaztException;
import fazt.core.Json;
import fazt.core.realtime.AppHub;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.graalvm.polyglot.HostAccess;

/**
 * {@code fazt.realtime} as prelude.js sees it: the app's own {@link AppHub}, with strings,
 * numbers and JSON text across the boundary. A refused broadcast is parked with the
 * {@link HostApi}'s errors and becomes a JavaScript {@code Error} there.
 */
public final class RealtimeHost {
    private final Supplier<AppHub> hub;
    private final Consumer<String> parkError;

    RealtimeHost(Supplier<AppHub> hub, Consumer<String> parkError) {
        this.hub = hub;
        this.parkError = parkError;
    }

    /** Sends {@code dataJson} to the channel's subscribers; returns how many, or null with an error parked. */
    @HostAccess.Export
    public Object broadcast(String channel, String dataJson) {
        try {
            return hub.get().broadcast(channel, dataJson);
        } catch (FaztException e) {
            parkError.accept(e.getMessage());
            return null;
        }
    }

    @HostAccess.Export
    public int broadcastAll(String dataJson) {
        return hub.get().broadcastAll(dataJson);
    }

    /** The subscribers' client ids as a JSON array. */
    @HostAccess.Export
    public String subscribers(String channel) {
        return json(hub.get().subscribers(channel));
    }

    /** Subscribers of a channel, or every open connection of the app when {@code channel} is null. */
    @HostAccess.Export
    public int count(String channel) {
        return channel == null ? hub.get().count() : hub.get().count(channel);
    }

    /** {@code {id, user, channels, connectedAt}} as JSON, or {@code null} when no such connection is open. */
    @HostAccess.Export
    public String client(String id) {
        return json(hub.get().client(id).orElse(null));
    }

    @HostAccess.Export
    public boolean kick(String id, String reason) {
        return hub.get().kick(id, reason);
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("ids and client descriptions are always JSON", e);
        }
    }
}
