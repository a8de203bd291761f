package fazt.core;

import fazt.core.changes.ChangeKind;
import fazt.core.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Settings with the precedence of SPEC §2: flags given for this run, then {@code FAZT_*}
 * environment variables, then values stored in data.db, then defaults. Only stored values persist.
 */
public final class Config {
    /** Known settings and their defaults. */
    public static final Map<String, String> DEFAULTS = defaults();
    private static final Map<String, String> ENV_NAMES = DEFAULTS.keySet().stream()
            .collect(Collectors.toUnmodifiableMap(k -> k, k -> "FAZT_" + k.toUpperCase(Locale.ROOT)));

    private final Database db;
    private final Map<String, String> flags;
    private final Map<String, String> environment;
    /**
     * The stored values, read once: only one process serves a data.db (the lock), and every
     * change goes through {@link #store}, so this copy never goes stale. Settings are read on
     * every function request; this keeps those reads off SQLite.
     */
    private volatile Map<String, String> stored;

    public Config(Database db, Map<String, String> flags, Map<String, String> environment) {
        this.db = db;
        this.flags = Map.copyOf(flags);
        this.environment = Map.copyOf(environment);
        this.stored = loadStored();
    }

    /** The default {@code port} when {@code https} is not {@code off} (otherwise 4698). */
    public static final String HTTPS_HTTP_PORT = "80";

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("port", "4698");
        d.put("domain", "");
        d.put("bind", "");
        d.put("versions_kept", "10");
        d.put("max_upload_bytes", String.valueOf(100L * 1024 * 1024));
        d.put("max_expanded_bytes", String.valueOf(500L * 1024 * 1024));
        d.put("max_files", "20000");
        d.put("logs_retention_days", "7");
        d.put("functions_timeout_ms", "5000");
        d.put("functions_max_body_bytes", String.valueOf(1024 * 1024));
        d.put("functions_max_response_bytes", String.valueOf(10L * 1024 * 1024));
        d.put("functions_concurrency", "0"); // 0: twice the cores, at least 4
        d.put("functions_queue", "64");
        d.put("fetch_timeout_ms", "10000"); // fazt.net.fetch's default timeout (never past the function's own limit)
        d.put("fetch_max_response_bytes", String.valueOf(5L * 1024 * 1024));
        d.put("fetch_concurrency", "4"); // fetches one app may have running at once
        d.put("fetch_allow_private", ""); // addresses or CIDRs of private networks fetch may reach anyway (none by default)
        d.put("share_on_network", "false"); // the desktop's switch: listen on all interfaces
        d.put("desktop_welcomed", "false"); // the desktop showed its first-run dialog
        d.put("desktop_on_close", "ask"); // closing the window without a tray: ask, background (keep serving) or quit
        d.put("trusted_proxies", ""); // addresses or CIDRs whose X-Forwarded-For is believed
        d.put("dev_login", "false"); // the development sign-in of SPEC §6.3 (never under HTTPS)
        d.put("analytics_retention_days", "400"); // daily counts of analytics
        d.put("analytics_raw_days", "30"); // raw analytics events (hours, /api/events)
        d.put("https", "off"); // off, auto (certificates ordered by fazt, and imported ones) or manual (imported only)
        d.put("https_port", "443");
        d.put("acme_directory", "acme://letsencrypt.org"); // the CA https auto orders from (an https:// directory URL or acme://)
        d.put("acme_email", ""); // a contact for the CA's expiry notices, if any
        d.put("acme_ca_file", ""); // PEM file of a private CA's root, trusted for the directory's own HTTPS
        d.put("realtime_max_connections_per_app", "10000"); // open /_ws connections of one app
        d.put("realtime_max_connections_per_ip", "200"); // open /_ws connections from one client address, all apps together
        d.put("realtime_ping_interval_ms", "30000"); // heartbeat; a connection silent for a whole interval after a ping is closed
        d.put("realtime_queue_messages", "256"); // messages that may wait for a slow client before it is disconnected
        d.put("backup_dir", ""); // the folder scheduled backups go to (an absolute path); empty: none are made
        d.put("backup_every", "off"); // how often: 30m, 6h, 1d; off (or 0): never
        d.put("backup_keep", "14"); // how many scheduled backups to keep (here, and on the peer)
        d.put("backup_to_peer", ""); // a linked peer each scheduled backup is also sent to
        d.put("wal_checkpoints", "fazt"); // fazt, or litestream: Litestream runs every WAL checkpoint (docs/backup.md)
        d.put("mcp_calls_per_minute", "240"); // MCP tool calls one API key may make in a minute (issue 15)
        d.put("http_idle_timeout_ms", "30000"); // a connection with nothing to read or write this long is closed
        d.put("http_header_timeout_ms", "20000"); // a request's headers (or a TLS handshake) must be complete this long after the first byte
        d.put("http_body_timeout_ms", "20000"); // a request body's grace before http_body_min_rate applies
        d.put("http_body_min_rate", "500"); // bytes per second a request body must average past the grace (0: none)
        d.put("http_max_connections_per_ip", "256"); // open connections from one client address (trusted proxies: no limit)
        return Map.copyOf(d);
    }

    public String get(String key) {
        String v = flags.get(key);
        if (v != null) return v;
        v = environment.get(envName(key));
        if (v != null) return v;
        v = stored(key);
        if (v != null) return v;
        // with HTTPS on, plain HTTP belongs on 80: the CA's HTTP-01 check and the redirect to HTTPS go there
        if (key.equals("port") && !get("https").trim().equals("off")) return HTTPS_HTTP_PORT;
        return DEFAULTS.getOrDefault(key, "");
    }

    /** {@code FAZT_<KEY>}; made once per known setting, as some are read on every request. */
    private static String envName(String key) {
        String known = ENV_NAMES.get(key);
        return known != null ? known : "FAZT_" + key.toUpperCase(Locale.ROOT);
    }

    public long getLong(String key) {
        String v = get(key);
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw FaztException.invalid("setting " + key + " must be a number, not '" + v + "'");
        }
    }

    public int getInt(String key) {
        return Math.toIntExact(getLong(key));
    }

    /** The value stored in data.db, or null. */
    public String stored(String key) {
        return stored.get(key);
    }

    private Map<String, String> loadStored() {
        return db.read(c -> {
            Map<String, String> all = new java.util.HashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT key, value FROM config"); ResultSet rs = p.executeQuery()) {
                while (rs.next()) all.put(rs.getString(1), rs.getString(2));
            }
            return Map.copyOf(all);
        });
    }

    /** Throws INVALID_REQUEST naming the setting when {@code value} is not one it can hold (for flags, which are not stored). */
    public static void check(String key, String value) {
        SettingValues.check(key, value);
    }

    /** Persists a setting in data.db. Unknown keys are refused so a typo never silently does nothing. */
    public void store(String key, String value) {
        storeAll(Map.of(key, value));
    }

    /**
     * Stores several settings in one transaction; every key and value is checked before any is
     * stored (a number where a number belongs, a host name for {@code domain}, …).
     */
    public void storeAll(Map<String, String> values) {
        for (String key : values.keySet()) {
            if (!DEFAULTS.containsKey(key)) {
                throw FaztException.invalid("unknown setting '" + key + "'; known: " + String.join(", ", DEFAULTS.keySet()));
            }
            SettingValues.check(key, values.get(key));
        }
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO config(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
                for (Map.Entry<String, String> e : values.entrySet()) {
                    p.setString(1, e.getKey());
                    p.setString(2, e.getValue());
                    p.executeUpdate();
                }
                return values.size();
            }
        });
        stored = loadStored();
        if (!values.isEmpty()) db.changes().publish(ChangeKind.SETTINGS_CHANGED, null, String.join(",", new TreeMap<>(values).keySet()));
    }

    /**
     * {@code derive} of these settings, worked out again only after a store (flags and the
     * environment do not change while running): for what a hot path reads per request, such as
     * the function limits.
     */
    public <T> Supplier<T> derived(Function<Config, T> derive) {
        record Seen<T>(Map<String, String> stored, T value) {}
        AtomicReference<Seen<T>> last = new AtomicReference<>();
        return () -> {
            Map<String, String> now = stored;
            Seen<T> seen = last.get();
            if (seen != null && seen.stored() == now) return seen.value();
            T value = derive.apply(this);
            last.set(new Seen<>(now, value));
            return value;
        };
    }

    /** Every known setting with its effective value. */
    public Map<String, String> effective() {
        Map<String, String> all = new TreeMap<>();
        for (String key : DEFAULTS.keySet()) all.put(key, get(key));
        return all;
    }
}
