package fazt.core.apps;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The file map of one app's active version, held in memory so that serving a file runs no SQL.
 * Versions are immutable, so an index never goes stale; it is replaced when the active version
 * changes. {@code activation} counts the app's switches (deploys and rollbacks), so of two indexes
 * the newer is known even when a rollback lowers the version number.
 */
public record VersionIndex(String appId, String appName, int version, long activation, long createdAt, boolean spa,
        JsonNode manifest, Map<String, ServedFile> files) {
    public ServedFile file(String path) {
        return files.get(path);
    }
}
