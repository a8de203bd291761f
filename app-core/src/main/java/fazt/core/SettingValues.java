package fazt.core;

import fazt.core.acme.AcmeSettings;
import fazt.core.net.AddressRange;
import fazt.core.backup.ScheduledBackups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What each setting may hold, checked before anything is stored, so a value that would break the
 * next start or a running function is refused in words instead of being found later.
 */
final class SettingValues {
    /** Whole-number settings and the smallest value each accepts. */
    private static final Map<String, Long> MINIMUMS = Map.ofEntries(
            Map.entry("port", 0L), // 0: any free port (tests, a second instance on one machine)
            Map.entry("https_port", 1L),
            Map.entry("versions_kept", 1L),
            Map.entry("max_upload_bytes", 1L),
            Map.entry("max_expanded_bytes", 1L),
            Map.entry("max_files", 1L),
            Map.entry("logs_retention_days", 1L),
            Map.entry("analytics_retention_days", 1L),
            Map.entry("analytics_raw_days", 1L),
            Map.entry("functions_timeout_ms", 1L),
            Map.entry("functions_max_body_bytes", 1L),
            Map.entry("functions_max_response_bytes", 1L),
            Map.entry("functions_concurrency", 0L),
            Map.entry("functions_queue", 0L),
            Map.entry("fetch_timeout_ms", 1L),
            Map.entry("fetch_max_response_bytes", 1L),
            Map.entry("fetch_concurrency", 1L),
            Map.entry("realtime_max_connections_per_app", 1L),
            Map.entry("realtime_max_connections_per_ip", 1L),
            Map.entry("realtime_ping_interval_ms", 100L),
            Map.entry("realtime_queue_messages", 1L),
            Map.entry("backup_keep", 1L),
            Map.entry("mcp_calls_per_minute", 1L),
            Map.entry("http_idle_timeout_ms", 100L),
            Map.entry("http_header_timeout_ms", 100L),
            Map.entry("http_body_timeout_ms", 100L),
            Map.entry("http_body_min_rate", 0L),
            Map.entry("http_max_connections_per_ip", 1L));

    private static final String LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

    private SettingValues() {}

    /** Throws INVALID_REQUEST naming the setting when {@code value} is not one it can hold. */
    static void check(String key, String value) {
        if (value == null) throw FaztException.invalid("setting " + key + " needs a value");
        String v = value.trim();
        Long min = MINIMUMS.get(key);
        if (min != null) {
            long n;
            try {
                n = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw FaztException.invalid("setting " + key + " must be a whole number, not '" + value + "'");
            }
            long max = key.endsWith("port") ? 65535 : key.endsWith("_days") ? 36500 : Integer.MAX_VALUE;
            if (key.endsWith("_bytes")) max = Long.MAX_VALUE / 2;
            if (n < min || n > max) throw FaztException.invalid("setting " + key + " must be from " + min + " to " + max + ", not " + n);
            return;
        }
        switch (key) {
            case "share_on_network", "desktop_welcomed", "dev_login" -> {
                if (!v.equals("true") && !v.equals("false")) {
                    throw FaztException.invalid("setting " + key + " must be true or false, not '" + value + "'");
                }
            }
            case "https" -> {
                if (!v.equals("off") && !v.equals("auto") && !v.equals("manual")) {
                    throw FaztException.invalid("setting https must be off, auto (certificates ordered by fazt) or manual "
                            + "(only certificates given with 'fazt server set-cert'), not '" + value + "'");
                }
            }
            case "desktop_on_close" -> {
                if (!v.equals("ask") && !v.equals("background") && !v.equals("quit")) {
                    throw FaztException.invalid("setting desktop_on_close must be ask, background (keep serving when the window "
                            + "closes) or quit, not '" + value + "'");
                }
            }
            case "acme_directory" -> named(key, () -> AcmeSettings.directory(v));
            case "acme_email" -> {
                if (!v.isEmpty()) named(key, () -> AcmeSettings.letsEncrypt().withEmail(v));
            }
            case "acme_ca_file" -> {
                if (!v.isEmpty()) {
                    if (!Files.isRegularFile(Path.of(v))) {
                        throw FaztException.invalid("setting acme_ca_file must name a PEM file of the CA's certificate; there is no file '"
                                + value + "'");
                    }
                    named(key, () -> AcmeSettings.letsEncrypt().withCaFile(Path.of(v)));
                }
            }
            case "domain" -> {
                String d = v.toLowerCase(Locale.ROOT);
                if (!d.isEmpty() && (d.length() > 253 || !d.matches(LABEL + "(\\." + LABEL + ")*"))) {
                    throw FaztException.invalid("setting domain must be a host name like example.com (no scheme, port or path), not '"
                            + value + "'");
                }
            }
            case "trusted_proxies", "fetch_allow_private" -> {
                for (String item : v.split(",")) {
                    String t = item.trim();
                    if (!t.isEmpty() && !isAddressOrRange(t)) {
                        throw FaztException.invalid("setting " + key + " is a comma-separated list of addresses or ranges like "
                                + "10.0.0.1, 192.168.0.0/16 or fd00::/8; '" + t + "' is neither");
                    }
                }
            }
            case "backup_every" -> ScheduledBackups.every(v);
            case "wal_checkpoints" -> {
                if (!v.equals("fazt") && !v.equals("litestream")) {
                    throw FaztException.invalid("setting wal_checkpoints is fazt (fazt checkpoints the WAL itself) or litestream "
                            + "(Litestream replicates data.db and runs every checkpoint), not '" + value + "'");
                }
            }
            case "backup_dir" -> {
                if (!v.isEmpty() && !Path.of(v).isAbsolute()) {
                    throw FaztException.invalid("setting backup_dir must be an absolute path (the folder backups go to), not '" + value + "'");
                }
            }
            default -> { }
        }
    }

    /** Runs a check whose refusal does not say which setting it is about, and says so. */
    private static void named(String key, Runnable check) {
        try {
            check.run();
        } catch (FaztException e) {
            throw FaztException.invalid("setting " + key + ": " + e.getMessage());
        }
    }

    private static boolean isAddressOrRange(String text) {
        return AddressRange.parse(text) != null;
    }
}
