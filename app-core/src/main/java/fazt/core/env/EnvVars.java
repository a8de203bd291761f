package fazt.core.env;

import fazt.core.FaztException;
import fazt.core.apps.AppInfo;
import fazt.core.changes.ChangeKind;
import fazt.core.db.Database;
import fazt.core.net.FetchAllowList;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-app variables set by the owner, read by functions as {@code fazt.env} (SPEC §4.2). Every
 * function request reads them, so each app's variables are held in memory and dropped on every
 * change. Values are secrets: they are never written to any log, nor put in any error message.
 */
public final class EnvVars {
    private static final Logger log = LoggerFactory.getLogger(EnvVars.class);
    private static final Pattern KEY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,127}$");
    /** The largest value, in UTF-8 bytes. */
    public static final int MAX_VALUE_BYTES = 32 * 1024;

    private final Database db;
    private final Map<String, SortedMap<String, String>> cache = new ConcurrentHashMap<>();
    /** Bumped on every change, so that a load racing a change is never cached. */
    private final AtomicLong generation = new AtomicLong();

    public EnvVars(Database db) {
        this.db = db;
    }

    /**
     * Sets {@code key} to {@code value} for the app {@code appId} (which must exist). The key must
     * match {@code [A-Za-z_][A-Za-z0-9_]*} with at most 128 characters and the value be at most
     * {@link #MAX_VALUE_BYTES}; otherwise an invalid-input error, and nothing is stored.
     */
    public void set(String appId, String key, String value) {
        checkKey(key);
        if (value == null) throw FaztException.invalid("env var " + key + " needs a value (it may be empty)");
        if (key.equals(FetchAllowList.OWNER_KEY)) {
            try {
                FetchAllowList.fromOwnerSetting(value);
            } catch (IllegalArgumentException e) {
                throw FaztException.invalid(e.getMessage());
            }
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_VALUE_BYTES) {
            throw FaztException.invalid("the value of env var " + key + " is " + bytes + " bytes; the limit is "
                    + MAX_VALUE_BYTES + " (32 KB): keep large data in storage instead");
        }
        String appName = db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO env_vars(app_id, key, value, updated_at) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT(app_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at")) {
                p.setString(1, appId);
                p.setString(2, key);
                p.setString(3, value);
                p.setLong(4, System.currentTimeMillis());
                p.executeUpdate();
            }
            return appName(c, appId);
        });
        changed(appId);
        db.changes().publish(ChangeKind.ENV_SET, appName, key); // the key only: values are secrets
        log.info("set env var {} of app {}", key, appId);
    }

    /** Every variable of the app, sorted by key (empty when it has none); an unmodifiable map. */
    public Map<String, String> all(String appId) {
        SortedMap<String, String> cached = cache.get(appId);
        if (cached != null) return cached;
        long seen = generation.get();
        SortedMap<String, String> loaded = Collections.unmodifiableSortedMap(load(appId));
        if (generation.get() == seen) cache.putIfAbsent(appId, loaded);
        return loaded;
    }

    private TreeMap<String, String> load(String appId) {
        return db.read(c -> {
            TreeMap<String, String> vars = new TreeMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT key, value FROM env_vars WHERE app_id = ?")) {
                p.setString(1, appId);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) vars.put(rs.getString(1), rs.getString(2));
                }
            }
            return vars;
        });
    }

    /** Removes one variable the owner named; not-found when the app has no such variable. */
    public void removeExisting(AppInfo app, String key) {
        if (!remove(app.id(), key)) throw FaztException.notFound("app '" + app.name() + "' has no env var '" + key + "'");
    }

    /** Removes one variable; false when the app had no such variable. */
    public boolean remove(String appId, String key) {
        String removedFrom = db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM env_vars WHERE app_id = ? AND key = ?")) {
                p.setString(1, appId);
                p.setString(2, key);
                return p.executeUpdate() == 0 ? null : appName(c, appId);
            }
        });
        changed(appId);
        if (removedFrom == null) return false;
        db.changes().publish(ChangeKind.ENV_REMOVED, removedFrom, key);
        log.info("removed env var {} of app {}", key, appId);
        return true;
    }

    /** Removes every variable of the app; call it when the app is deleted. */
    public void deleteApp(String appId) {
        db.deleteAppRows("env_vars", appId);
        changed(appId);
    }

    private void changed(String appId) {
        generation.incrementAndGet(); // before the removal: a load that started earlier then fails its check
        cache.remove(appId);
    }

    /** The app's name, for the change; its id when the app has none (it was deleted meanwhile). */
    private static String appName(Connection c, String appId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT name FROM apps WHERE id = ?")) {
            p.setString(1, appId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : appId;
            }
        }
    }

    private static void checkKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            String shown = key == null ? "" : key.length() > 40 ? key.substring(0, 40) + "..." : key;
            throw FaztException.invalid("env var name '" + shown + "' is not allowed: use letters, digits and _,"
                    + " not starting with a digit, at most 128 characters (like API_KEY)");
        }
    }
}
