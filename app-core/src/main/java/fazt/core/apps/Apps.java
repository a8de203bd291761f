package fazt.core.apps;

import fazt.core.FaztException;
import fazt.core.Ids;
import fazt.core.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apps and their versions (SPEC §3). A deploy validates and hashes everything first, then writes
 * the new blobs, the version and its file list in one transaction that also makes it the active
 * version; a reader sees the old version or the new one, never a mix. Rollback flips the active
 * version back. The file maps of active versions and the name → id table are kept in memory.
 */
public final class Apps {
    private static final Logger log = LoggerFactory.getLogger(Apps.class);

    private final Database db;
    private final Aliases aliases;
    private final ContentStore contents;
    private final Supplier<Integer> versionsKept;
    private final Supplier<List<String>> baseDomains;
    private final ActiveVersionCache activeVersions;
    private volatile Map<String, String> idsByName = Map.of();
    private final List<Consumer<String>> deleteListeners = new CopyOnWriteArrayList<>();

    public Apps(Database db, Aliases aliases, ContentStore contents, Supplier<Integer> versionsKept,
            Supplier<List<String>> baseDomains) {
        this.db = db;
        this.aliases = aliases;
        this.contents = contents;
        this.versionsKept = versionsKept;
        this.baseDomains = baseDomains;
        this.activeVersions = new ActiveVersionCache(db);
        reloadNames();
    }

    public ContentStore contents() {
        return contents;
    }

    /**
     * Deploys a bundle as a new version of the app {@code requestedName} (or the manifest's name),
     * creating the app on first deploy, and makes it active. {@code spa} null means "as the manifest says".
     */
    public DeployResult deploy(String requestedName, Bundle bundle, Boolean spa) {
        String raw = requestedName != null && !requestedName.isBlank() ? requestedName : bundle.manifestName();
        if (raw == null) throw FaztException.invalid("no app name: pass a name or put {\"name\": ...} in manifest.json");
        String name = AppNames.normalize(raw, baseDomains.get());
        AppNames.checkDeployable(name);
        boolean spaMode = spa != null ? spa : bundle.manifestSpa();

        List<PreparedFile> files = prepare(bundle);
        long total = files.stream().mapToLong(f -> f.raw.length).sum();
        String manifest = bundle.manifest().toString();
        int keep = Math.max(1, versionsKept.get());

        DeployResult result = db.write(c -> {
            String appId = findId(c, name).orElse(null);
            long now = System.currentTimeMillis();
            if (appId == null) appId = createApp(c, name, now);
            int version = takeNextVersion(c, appId);
            insertBlobs(c, files);
            insertVersion(c, appId, version, now, files, total, spaMode, manifest);
            activate(c, appId, version, now);
            pruneVersions(c, appId, keep);
            return new DeployResult(name, appId, version, files.size(), total);
        });
        afterChange(result.id());
        log.info("deployed {} version {} ({} files, {} bytes)", name, result.version(), result.fileCount(), result.sizeBytes());
        return result;
    }

    private record PreparedFile(String path, String hash, byte[] raw, byte[] gzip) {}

    /** Hashing and compression happen before the transaction, so the writer only inserts. */
    private List<PreparedFile> prepare(Bundle bundle) {
        List<PreparedFile> out = new ArrayList<>(bundle.files().size());
        Map<String, String> hashes = new HashMap<>();
        for (Map.Entry<String, byte[]> e : bundle.files().entrySet()) hashes.put(e.getKey(), Ids.sha256(e.getValue()));
        Set<String> stored = storedHashes(new HashSet<>(hashes.values()));
        for (Map.Entry<String, byte[]> e : bundle.files().entrySet()) {
            String hash = hashes.get(e.getKey());
            byte[] gzip = stored.contains(hash) ? null : ContentStore.gzipIfWorthIt(e.getValue(), Mime.forPath(e.getKey()));
            out.add(new PreparedFile(e.getKey(), hash, e.getValue(), gzip));
        }
        return out;
    }

    private Set<String> storedHashes(Set<String> hashes) {
        return db.read(c -> {
            Set<String> found = new HashSet<>();
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM blobs WHERE hash = ?")) {
                for (String h : hashes) {
                    p.setString(1, h);
                    try (ResultSet rs = p.executeQuery()) {
                        if (rs.next()) found.add(h);
                    }
                }
            }
            return found;
        });
    }

    private String createApp(Connection c, String name, long now) throws SQLException {
        String id = Ids.newId("app");
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO apps(id, name, next_version, created_at, updated_at) VALUES (?, ?, 1, ?, ?)")) {
            p.setString(1, id);
            p.setString(2, name);
            p.setLong(3, now);
            p.setLong(4, now);
            p.executeUpdate();
        }
        if (!AppNames.isSystemApp(name)) aliases.addForNewApp(c, name, id);
        return id;
    }

    private static int takeNextVersion(Connection c, String appId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE apps SET next_version = next_version + 1 WHERE id = ? RETURNING next_version - 1")) {
            p.setString(1, appId);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void insertBlobs(Connection c, List<PreparedFile> files) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO blobs(hash, size, data, gzip) VALUES (?, ?, ?, ?) ON CONFLICT(hash) DO NOTHING")) {
            Set<String> done = new HashSet<>();
            for (PreparedFile f : files) {
                if (!done.add(f.hash)) continue;
                p.setString(1, f.hash);
                p.setLong(2, f.raw.length);
                p.setBytes(3, f.raw);
                p.setBytes(4, f.gzip);
                p.executeUpdate();
            }
        }
    }

    private static void insertVersion(Connection c, String appId, int version, long now, List<PreparedFile> files,
            long total, boolean spa, String manifest) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO versions(app_id, version, created_at, file_count,"
                + " size_bytes, spa, manifest) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, appId);
            p.setInt(2, version);
            p.setLong(3, now);
            p.setInt(4, files.size());
            p.setLong(5, total);
            p.setInt(6, spa ? 1 : 0);
            p.setString(7, manifest);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO version_files(app_id, version, path, hash, size) VALUES (?, ?, ?, ?, ?)")) {
            for (PreparedFile f : files) {
                p.setString(1, appId);
                p.setInt(2, version);
                p.setString(3, f.path);
                p.setString(4, f.hash);
                p.setLong(5, f.raw.length);
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
    private static void pruneVersions(Connection c, String appId, int keep) throws SQLException {
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
        for (int v : old) deleteVersion(c, appId, v);
    }

    private static void deleteVersion(Connection c, String appId, Integer version) throws SQLException {
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
        try (PreparedStatement p = c.prepareStatement(
                "DELETE FROM blobs WHERE hash = ? AND NOT EXISTS (SELECT 1 FROM version_files WHERE hash = ?)")) {
            for (String h : hashes) {
                p.setString(1, h);
                p.setString(2, h);
                p.executeUpdate();
            }
        }
    }

    /** Makes {@code version} (or, when null, the newest version older than the active one) active. */
    public VersionInfo rollback(String ref, Integer version) {
        String appId = requireId(ref);
        int target = db.write(c -> {
            int active = activeVersion(c, appId);
            Integer chosen = version;
            if (chosen == null) {
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT MAX(version) FROM versions WHERE app_id = ? AND version < ?")) {
                    p.setString(1, appId);
                    p.setInt(2, active);
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        chosen = (Integer) rs.getObject(1);
                    }
                }
                if (chosen == null) throw FaztException.conflict("'" + ref + "' has no version older than " + active);
            } else if (!versionExists(c, appId, chosen)) {
                throw FaztException.notFound("'" + ref + "' has no version " + chosen + " (kept versions: see 'fazt app versions')");
            }
            activate(c, appId, chosen, System.currentTimeMillis());
            return chosen;
        });
        afterChange(appId);
        log.info("rolled back {} to version {}", ref, target);
        return versions(appId).stream().filter(v -> v.version() == target).findFirst().orElseThrow();
    }

    /**
     * Calls {@code listener} with the app id after an app is deleted, so the parts that keep data
     * per app (storage, env vars, logs, function contexts) drop theirs.
     */
    public void onDelete(Consumer<String> listener) {
        deleteListeners.add(listener);
    }

    /**
     * Deletes an app with all its versions, its aliases and the blobs only it used, then tells the
     * delete listeners. The app's own rows go in one transaction; a crash before the listeners
     * finish leaves rows under an id that is never reused, which nothing can reach.
     */
    public void delete(String ref) {
        String appId = requireId(ref);
        db.write(c -> {
            aliases.removeForApp(c, appId);
            deleteVersion(c, appId, null);
            try (PreparedStatement p = c.prepareStatement("DELETE FROM apps WHERE id = ?")) {
                p.setString(1, appId);
                p.executeUpdate();
            }
            return null;
        });
        afterChange(appId);
        for (Consumer<String> l : deleteListeners) l.accept(appId);
        log.info("deleted app {}", ref);
    }

    public List<AppInfo> list() {
        return db.read(c -> {
            List<AppInfo> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(APP_SELECT + " ORDER BY a.name"); ResultSet rs = p.executeQuery()) {
                while (rs.next()) out.add(appInfo(rs));
            }
            return out;
        });
    }

    /** Finds an app by id or name. */
    public Optional<AppInfo> find(String ref) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(APP_SELECT + " WHERE a.id = ? OR a.name = ?")) {
                p.setString(1, ref);
                p.setString(2, ref);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(appInfo(rs)) : Optional.empty();
                }
            }
        });
    }

    public AppInfo get(String ref) {
        return find(ref).orElseThrow(() -> FaztException.notFound("no app '" + ref + "'"));
    }

    private static final String APP_SELECT = "SELECT a.id, a.name, a.active_version, v.file_count, v.size_bytes,"
            + " v.spa, a.created_at, a.updated_at FROM apps a"
            + " LEFT JOIN versions v ON v.app_id = a.id AND v.version = a.active_version";

    private AppInfo appInfo(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        return new AppInfo(id, rs.getString(2), (Integer) rs.getObject(3), rs.getInt(4), rs.getLong(5),
                rs.getInt(6) == 1, rs.getLong(7), rs.getLong(8), aliases.labelsOf(id));
    }

    public List<VersionInfo> versions(String ref) {
        String appId = requireId(ref);
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

    /** The files of the active version, by path. */
    public List<FileInfo> files(String ref) {
        VersionIndex index = activeIndex(requireId(ref))
                .orElseThrow(() -> FaztException.notFound("'" + ref + "' has no active version"));
        return index.files().values().stream().sorted((a, b) -> a.path().compareTo(b.path()))
                .map(f -> new FileInfo(f.path(), f.hash(), f.size(), f.mime())).toList();
    }

    /** The app id for a name, from memory. */
    public Optional<String> idForName(String name) {
        return Optional.ofNullable(idsByName.get(name));
    }

    /** The file map of the app's active version, from memory after the first call. */
    public Optional<VersionIndex> activeIndex(String appId) {
        return activeVersions.get(appId);
    }

    /** After a commit: load the new active index (or mark the app deleted), names and aliases. */
    private void afterChange(String appId) {
        activeVersions.refresh(appId);
        reloadNames();
        aliases.reload();
    }

    private void reloadNames() {
        idsByName = db.read(c -> {
            Map<String, String> m = new HashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT name, id FROM apps"); ResultSet rs = p.executeQuery()) {
                while (rs.next()) m.put(rs.getString(1), rs.getString(2));
            }
            return Map.copyOf(m);
        });
    }

    private String requireId(String ref) {
        String id = idsByName.get(ref);
        if (id != null) return id;
        if (idsByName.containsValue(ref)) return ref;
        throw FaztException.notFound("no app '" + ref + "'");
    }

    private static Optional<String> findId(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM apps WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
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

    private static boolean versionExists(Connection c, String appId, int version) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM versions WHERE app_id = ? AND version = ?")) {
            p.setString(1, appId);
            p.setInt(2, version);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

}
