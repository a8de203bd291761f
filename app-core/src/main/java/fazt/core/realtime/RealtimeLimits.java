package fazt.core.realtime;

import fazt.core.Config;

/**
 * The limits of {@code /_ws}, read from settings: connections per app and per client address
 * (over all apps), how often every connection is pinged, and how many messages may wait for a
 * client that reads slower than the app sends before it is disconnected.
 */
public record RealtimeLimits(int maxPerApp, int maxPerAddress, long pingIntervalMs, int queueMessages) {
    public static RealtimeLimits from(Config config) {
        return new RealtimeLimits(config.getInt("realtime_max_connections_per_app"), config.getInt("realtime_max_connections_per_ip"),
                config.getLong("realtime_ping_interval_ms"), config.getInt("realtime_queue_messages"));
    }
}
