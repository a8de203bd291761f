package fazt.core.apps;

import fazt.core.FaztException;
import fazt.core.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versions of every app (SPEC §3): numbering, the file list of each, which one is active,
 * rollback, and pruning past the number of versions kept, with the blobs only pruned versions
 * used. Every switch of the active version bumps {@code apps.activation} in the same transaction,
 * and the file map of each active version is held in memory by {@link ActiveVersionCache}.
 * Apps are known here by id; {@link Apps} turns names into ids.
 */
final class Versions {
    private static final Logger log = LoggerFactory.getLogger(Versions.class);

    private final Database db;
    private final ContentStore contents;
    private final Supplier<Integer> versionsKept;
    private final ActiveVersionCache active;

    Versions(Database db, ContentStore contents, Supplier<Integer> versionsKept) {
        this.db = db;
        this.contents = contents;
        this.versionsKept = versionsKept;
        this.active = new ActiveVersionCache(db, contents);
    }

    /** What a deploy adds as a new version, its files already staged in the {@link ContentStore}. */
    record NewVersion(List<ContentStore.StagedFile> files, long totalBytes, boolean spa, String manifest) {}

    /** How many versions of an app are kept (at least one, the active). */
    int kept() {
        return Math.max(1, versionsKept.get());
    }

    /**
     * Inside the deploy's transaction, after the new blobs are in: adds {@code added} as the app's
     * next version, makes it active, and prunes all but the newest {@code keep}. Returns its number.
     */
    int addActive(Connection c, String appId, NewVersion added, long now, int keep) throws SQLException {
        int version = takeNextNumber(c, appId);
        insert(c, appId, version, now, added);
        activate(c, appId, version, now);
        prune(c, appId, keep);
        return version;
    }

    private static int takeNextNumber(Connection c, String appId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE apps SET next_version = next_version + 1 WHERE id = ? RETURNING next_version - 1")) {
            p.setString(1, appId);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void insert(Connection c, String appId, int version, long now, NewVersion added) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO versions(app_id, version, created_at, file_count,"
                + " size_bytes, spa, manifest) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, appId);
            p.setInt(2, version);
            p.setLong(3, now);
            p.setInt(4, added.files().size());
            p.setLong(5, added.totalBytes());
            p.setInt(6, added.spa() ? 1 : 0);
            p.setString(7, added.manifest());
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO version_files(app_id, version, path, hash, size) VALUES (?, ?, ?, ?, ?)")) {
            for (ContentStore.StagedFile f : added.files()) {
                p.setString(1, appId);
                p.setInt(2, version);
                p.setString(3, f.path());
                p.setString(4, f.hash());
                p.setLong(5, f.raw().length);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private static void activate(Connection c, String appId, int version, long now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE apps SET active_version = ?, activation = activation + 1, updated_at = ? WHERE id = ?")) {
            p.setInt(1, version);
            p.setLong(2, now);
            p.setString(3, appId);
            p.executeUpdate();
        }
    }

    /** Drops versions past the newest {@code keep} (never the active one) and blobs nothing uses any more. */
    private void prune(Connection c, String appId, int keep) throws SQLException {
        List<Integer> old = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT version FROM versions WHERE app_id = ? AND version NOT IN"
                + " (SELECT active_version FROM apps WHERE id = ?) ORDER BY version DESC LIMIT -1 OFFSET ?")) {
            p.setString(1, appId);
            p.setString(2, appId);
            p.setInt(3, keep - 1);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) old.add(rs.getInt(1));
            }
        }
        for (int v : old) delete(c, appId, v);
    }

    /** Inside the transaction that deletes the app: drops all its versions and the blobs only they used. */
    void deleteAll(Connection c, String appId) throws SQLException {
        delete(c, appId, null);
    }

    private void delete(Connection c, String appId, Integer version) throws SQLException {
        String where = version == null ? "app_id = ?" : "app_id = ? AND version = ?";
        Set<String> hashes = new HashSet<>();
        try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT hash FROM version_files WHERE " + where)) {
            p.setString(1, appId);
            if (version != null) p.setInt(2, version);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) hashes.add(rs.getString(1));
            }
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM versions WHERE " + where)) {
            p.setString(1, appId);
            if (version != null) p.setInt(2, version);
            p.executeUpdate();
        }
        contents.dropUnused(c, hashes);
    }

    /**
     * Makes {@code version} (or, when null, the newest version older than the active one) active.
     * {@code ref} is how the caller named the app, for the messages.
     */
    VersionInfo rollback(String appId, String ref, Integer version) {
        int target = db.write(c -> {
            int current = activeVersion(c, appId);
            Integer chosen = version;
            if (chosen == null) {
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT MAX(version) FROM versions WHERE app_id = ? AND version < ?")) {
                    p.setString(1, appId);
                    p.setInt(2, current);
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        chosen = (Integer) rs.getObject(1);
                    }
                }
                if (chosen == null) throw FaztException.conflict("'" + ref + "' has no version older than " + current);
            } else if (!exists(c, appId, chosen)) {
                throw FaztException.notFound("'" + ref + "' has no version " + chosen + " (kept versions: see 'fazt app versions')");
            }
            activate(c, appId, chosen, System.currentTimeMillis());
            return chosen;
        });
        active.refresh(appId);
        log.info("rolled back {} to version {}", ref, target);
        return list(appId).stream().filter(v -> v.version() == target).findFirst().orElseThrow();
    }

    /** The app's kept versions, newest first. */
    List<VersionInfo> list(String appId) {
        return db.read(c -> {
            List<VersionInfo> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT v.version, v.created_at, v.file_count, v.size_bytes,"
                    + " v.version = a.active_version FROM versions v JOIN apps a ON a.id = v.app_id"
                    + " WHERE v.app_id = ? ORDER BY v.version DESC")) {
                p.setString(1, appId);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new VersionInfo(rs.getInt(1), rs.getLong(2), rs.getInt(3), rs.getLong(4), rs.getInt(5) == 1));
                    }
                }
            }
            return out;
        });
    }

    /** The file map of the app's active version, from memory after the first call. */
    Optional<VersionIndex> activeIndex(String appId) {
        return active.get(appId);
    }

    /** After a committed deploy or delete of the app: loads its new active index, or marks it deleted. */
    void refreshActive(String appId) {
        active.refresh(appId);
    }

    private static int activeVersion(Connection c, String appId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT active_version FROM apps WHERE id = ?")) {
            p.setString(1, appId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) throw FaztException.notFound("no app '" + appId + "'");
                return rs.getInt(1);
            }
        }
    }

    private static boolean exists(Connection c, String appId, int version) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM versions WHERE app_id = ? AND version = ?")) {
            p.setString(1, appId);
            p.setInt(2, version);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }
}
