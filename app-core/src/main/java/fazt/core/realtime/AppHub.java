package fazt.core.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.core.FaztException;
import fazt.core.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections of one app and their channels. A hub belongs to one app id, so an app only
 * ever reaches its own clients; channels are names inside it.
 */
public final class AppHub {
    /** Channel names: 1 to 128 characters, no control characters. */
    static final int MAX_CHANNEL = 128;
    /** Channels one connection may be subscribed to at once. */
    static final int MAX_CHANNELS_PER_CLIENT = 100;

    private final String appId;
    private final Realtime realtime;
    private final Map<String, RealtimeClient> clients = new ConcurrentHashMap<>();
    private final Map<String, Set<RealtimeClient>> channels = new HashMap<>();

    AppHub(String appId, Realtime realtime) {
        this.appId = appId;
        this.realtime = realtime;
    }

    String appId() {
        return appId;
    }

    Realtime realtime() {
        return realtime;
    }

    void add(RealtimeClient client) {
        clients.put(client.id(), client);
    }

    /** Takes a client out of the hub and its channels; false when it was not there. */
    synchronized boolean remove(RealtimeClient client) {
        if (clients.remove(client.id()) == null) return false;
        for (String c : client.channels()) {
            Set<RealtimeClient> subs = channels.get(c);
            if (subs != null && subs.remove(client) && subs.isEmpty()) channels.remove(c);
        }
        return true;
    }

    Iterable<RealtimeClient> clients() {
        return clients.values();
    }

    /** Subscribes a client; returns why not (a bad name, too many channels, the manifest's rule), or null. */
    String subscribe(RealtimeClient client, String channel) {
        String bad = badName(channel);
        if (bad != null) return bad;
        Optional<String> refused;
        try {
            refused = realtime.rulesOf(appId).refusal(channel, client.user());
        } catch (FaztException e) {
            return e.getMessage(); // a manifest deployed before its rules were checked
        }
        if (refused.isPresent()) return refused.get();
        synchronized (this) {
            if (!clients.containsKey(client.id())) return "the connection is closing";
            if (!client.channels().contains(channel) && client.channels().size() >= MAX_CHANNELS_PER_CLIENT) {
                return "a connection may be subscribed to at most " + MAX_CHANNELS_PER_CLIENT + " channels";
            }
            client.channels().add(channel);
            channels.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(client);
        }
        return null;
    }

    String unsubscribe(RealtimeClient client, String channel) {
        String bad = badName(channel);
        if (bad != null) return bad;
        synchronized (this) {
            client.channels().remove(channel);
            Set<RealtimeClient> subs = channels.get(channel);
            if (subs != null && subs.remove(client) && subs.isEmpty()) channels.remove(channel);
        }
        return null;
    }

    /** Why a channel name is refused, or null. */
    static String badName(String channel) {
        if (channel.isEmpty() || channel.length() > MAX_CHANNEL) return "a channel name has 1 to " + MAX_CHANNEL + " characters";
        for (int i = 0; i < channel.length(); i++) {
            if (Character.isISOControl(channel.charAt(i))) return "a channel name may not contain control characters";
        }
        return null;
    }

    /** Sends {@code dataJson} to the channel's subscribers; returns how many there were. */
    public int broadcast(String channel, String dataJson) {
        String bad = badName(channel);
        if (bad != null) throw FaztException.invalid(bad);
        List<RealtimeClient> to;
        synchronized (this) {
            Set<RealtimeClient> subs = channels.get(channel);
            to = subs == null ? List.of() : new ArrayList<>(subs);
        }
        String frame = "{\"type\":\"message\",\"channel\":" + quote(channel) + ",\"data\":" + dataJson + ",\"timestamp\":"
                + System.currentTimeMillis() + "}";
        for (RealtimeClient c : to) c.send(frame);
        return to.size();
    }

    /** Sends {@code dataJson} to every connection of the app (a message without a channel). */
    public int broadcastAll(String dataJson) {
        String frame = "{\"type\":\"message\",\"data\":" + dataJson + ",\"timestamp\":" + System.currentTimeMillis() + "}";
        List<RealtimeClient> to = new ArrayList<>(clients.values());
        for (RealtimeClient c : to) c.send(frame);
        return to.size();
    }

    /** The ids of a channel's subscribers, sorted. */
    public synchronized List<String> subscribers(String channel) {
        Set<RealtimeClient> subs = channels.get(channel);
        return subs == null ? List.of() : subs.stream().map(RealtimeClient::id).sorted().toList();
    }

    public synchronized int count(String channel) {
        Set<RealtimeClient> subs = channels.get(channel);
        return subs == null ? 0 : subs.size();
    }

    /** Open connections of the app. */
    public int count() {
        return clients.size();
    }

    /** A client's id, user, channels and start, or empty when no such connection is open. */
    public Optional<ObjectNode> client(String id) {
        RealtimeClient c = clients.get(id);
        return c == null ? Optional.empty() : Optional.of(c.describe());
    }

    /** Closes a connection with {@code "kicked"} and the reason; false when no such connection is open. */
    public boolean kick(String id, String reason) {
        RealtimeClient c = clients.get(id);
        if (c == null) return false;
        c.close(CloseCodes.POLICY_VIOLATION, reason == null || reason.isBlank() ? "kicked" : "kicked: " + reason);
        return true;
    }

    private static String quote(String s) {
        try {
            return Json.MAPPER.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
