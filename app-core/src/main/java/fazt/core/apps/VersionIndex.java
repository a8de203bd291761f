package fazt.core.apps;

import java.util.Map;

/**
 * The file map of one app's active version, held in memory so that serving a file runs no SQL.
 * Versions are immutable, so an index never goes stale; it is replaced when the active version
 * changes.
 */
public record VersionIndex(String appId, String appName, int version, long createdAt, boolean spa,
        Map<String, ServedFile> files) {
    public ServedFile file(String path) {
        return files.get(path);
    }
}
