package fazt.core.apps;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Json;
import fazt.core.db.Database;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The file map of every app's active version, in memory, so serving a file runs no SQL. It never
 * goes back: every switch of an app's active version (deploy or rollback) bumps
 * {@code apps.activation} in the same transaction, an index is loaded in one query (one
 * snapshot), and of two indexes the one with the higher activation is kept. After a change the
 * writer side loads the new index itself ({@link #refresh}), so a reader that loaded just before
 * the commit cannot leave an older or empty index behind. Which files have a gzip copy is asked
 * of the {@link ContentStore} right after, on the same connection: a blob's bytes never change, and
 * one deleted in between belonged to a version already replaced by a newer activation.
 */
final class ActiveVersionCache {
    /** Marks a deleted app (app ids are never reused), so a late load cannot revive it. */
    private static final VersionIndex DELETED = new VersionIndex("", "", 0, Long.MAX_VALUE, 0, false,
            Json.MAPPER.createObjectNode(), Map.of());

    private final Database db;
    private final ContentStore contents;
    private final Map<String, VersionIndex> indexes = new ConcurrentHashMap<>();

    ActiveVersionCache(Database db, ContentStore contents) {
        this.db = db;
        this.contents = contents;
    }

    /** The file map of the app's active version, from memory after the first call. */
    Optional<VersionIndex> get(String appId) {
        VersionIndex cached = indexes.get(appId);
        if (cached == DELETED) return Optional.empty();
        if (cached != null) return Optional.of(cached);
        return loadIndex(appId).map(this::remember);
    }

    /**
     * Keeps the index with the newer activation. A reader that loaded before a deploy committed
     * may arrive here after the deploy's own load: the counter, bumped in the same transaction as
     * the switch, decides, so the cache never goes back to an older activation.
     */
    private VersionIndex remember(VersionIndex loaded) {
        return indexes.merge(loaded.appId(), loaded,
                (old, neu) -> old == DELETED || old.activation() >= neu.activation() ? old : neu);
    }

    /** The active version and its files, read in one query so they come from one snapshot. */
    private Optional<VersionIndex> loadIndex(String appId) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT a.name, a.activation, v.version, v.created_at, v.spa,"
                    + " v.manifest, f.path, f.hash, f.size FROM apps a"
                    + " JOIN versions v ON v.app_id = a.id AND v.version = a.active_version"
                    + " JOIN version_files f ON f.app_id = v.app_id AND f.version = v.version WHERE a.id = ?")) {
                p.setString(1, appId);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    String name = rs.getString(1);
                    long activation = rs.getLong(2);
                    int version = rs.getInt(3);
                    long createdAt = rs.getLong(4);
                    boolean spa = rs.getInt(5) == 1;
                    JsonNode manifest = parseManifest(rs.getString(6));
                    List<FileRow> rows = new ArrayList<>();
                    do {
                        rows.add(new FileRow(rs.getString(7), rs.getString(8), rs.getLong(9)));
                    } while (rs.next());
                    Set<String> gzipped = contents.gzipped(c, rows.stream().map(FileRow::hash).toList());
                    Map<String, ServedFile> files = new HashMap<>();
                    for (FileRow f : rows) {
                        files.put(f.path(), new ServedFile(f.path(), f.hash(), f.size(), Mime.forPath(f.path()),
                                gzipped.contains(f.hash())));
                    }
                    return Optional.of(new VersionIndex(appId, name, version, activation, createdAt, spa, manifest,
                            Map.copyOf(files)));
                }
            }
        });
    }

    private record FileRow(String path, String hash, long size) {}

    private static JsonNode parseManifest(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode(); // stored by a deploy that validated it; never expected
        }
    }

    /** Called after a committed change of the app: loads its new index, or marks it deleted. */
    void refresh(String appId) {
        Optional<VersionIndex> now = loadIndex(appId);
        if (now.isPresent()) remember(now.get());
        else indexes.put(appId, DELETED);
    }
}
