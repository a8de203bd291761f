package fazt.server;

import fazt.core.Config;
import java.util.function.Supplier;

/**
 * What a client connection may cost the server (the {@code http_*} settings, for the HTTP and the
 * HTTPS listener alike): how long it may sit idle, how long its request headers may take, how
 * slowly its request body may come, and how many connections one address may hold open.
 *
 * @param idleTimeoutMs a connection with nothing to read or write for this long is closed
 * @param headerTimeoutMs a request's line and headers (and a TLS handshake) must be complete this long after their first byte
 * @param bodyTimeoutMs the time a request body gets before {@code bodyMinRate} applies (the grace of a slow start)
 * @param bodyMinRate bytes per second a request body must average beyond the grace; 0: no minimum (only the idle timeout)
 * @param maxConnectionsPerIp open connections one client address may hold, over both listeners
 */
record ConnectionLimits(long idleTimeoutMs, long headerTimeoutMs, long bodyTimeoutMs, long bodyMinRate, int maxConnectionsPerIp) {

    static ConnectionLimits of(Config config) {
        return new ConnectionLimits(config.getLong("http_idle_timeout_ms"), config.getLong("http_header_timeout_ms"),
                config.getLong("http_body_timeout_ms"), config.getLong("http_body_min_rate"), config.getInt("http_max_connections_per_ip"));
    }

    /** The limits as stored now, worked out again only after a setting changes (so a change applies without a restart). */
    static Supplier<ConnectionLimits> watch(Config config) {
        return config.derived(ConnectionLimits::of);
    }

    /** How long a body of which {@code received} bytes came may have taken (waiting time the server spent reading it). */
    long bodyAllowanceMs(long received) {
        if (bodyMinRate <= 0) return Long.MAX_VALUE;
        return bodyTimeoutMs + received * 1000 / bodyMinRate;
    }
}
