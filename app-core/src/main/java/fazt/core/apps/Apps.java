package fazt.core.apps;

import fazt.core.FaztException;
import fazt.core.Ids;
import fazt.core.changes.ChangeKind;
import fazt.core.db.Database;
import fazt.core.identity.Scope;
import fazt.core.templates.Templates;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apps (SPEC §3): deploy, list, look-up and delete, and the name → id table kept in memory. A
 * deploy validates and hashes everything first, then writes the new blobs ({@link ContentStore}),
 * the version and its file list ({@link Versions}) in one transaction that also makes it the
 * active version; a reader sees the old version or the new one, never a mix. The deploy rules
 * every way in shares live here: the bundle limits from the settings, and who may deploy the
 * system apps.
 */
public final class Apps {
    private static final Logger log = LoggerFactory.getLogger(Apps.class);

    private final Database db;
    private final Aliases aliases;
    private final ContentStore contents;
    private final Versions versions;
    private final Supplier<List<String>> baseDomains;
    private final Supplier<BundleLimits> limits;
    private volatile Map<String, String> idsByName = Map.of();
    private final List<Consumer<String>> deleteListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> activateListeners = new CopyOnWriteArrayList<>();
    private volatile ToIntFunction<String> connections = id -> 0;

    /**
     * {@code versionsKept}, {@code baseDomains} and {@code limits} are asked at each deploy, so a
     * changed setting applies to the next one.
     */
    public Apps(Database db, Aliases aliases, ContentStore contents, Supplier<Integer> versionsKept,
            Supplier<List<String>> baseDomains, Supplier<BundleLimits> limits) {
        this.db = db;
        this.aliases = aliases;
        this.contents = contents;
        this.versions = new Versions(db, contents, versionsKept);
        this.baseDomains = baseDomains;
        this.limits = limits;
        reloadNames();
    }

    /** Where {@link AppInfo#connections()} comes from: the live {@code /_ws} count of an app id. */
    public void countConnectionsWith(ToIntFunction<String> count) {
        this.connections = count;
    }

    public ContentStore contents() {
        return contents;
    }

    /** What a deploy may contain as this instance's settings say now; the HTTP layer caps bodies by it. */
    public BundleLimits limits() {
        return limits.get();
    }

    /**
     * Reads and validates {@code zip} within {@link #limits()} and deploys it as
     * {@link #deploy(String, Bundle, Boolean)} does, for a caller allowed {@code scope}.
     */
    public DeployResult deployZip(byte[] zip, String requestedName, Boolean spa, Scope scope) {
        Bundle bundle = Bundle.readZip(zip, limits());
        requireAdminForSystemApps(scope, requestedName != null && !requestedName.isBlank() ? requestedName : bundle.manifestName());
        return deploy(requestedName, bundle, spa);
    }

    /**
     * Creates the app {@code name} from a shipped template ({@link Templates}) as its first
     * version, for a caller allowed {@code scope}; an app of that name that exists is left alone.
     */
    public DeployResult createFromTemplate(String name, String template, Scope scope) {
        byte[] zip = Templates.zip(template, name);
        if (list().stream().anyMatch(a -> a.name().equals(name))) {
            throw FaztException.conflict("an app named '" + name + "' exists already; pick another name, or deploy over it");
        }
        return deployZip(zip, name, null, scope);
    }

    /**
     * The system apps are the instance's own pages: the landing page on the base domain, whose
     * pages receive the owner's session cookie ({@code Domain=.<base>}), and the 404 page of every
     * host. So only an admin may publish them, never a deploy key, which could otherwise try to
     * act with the owner's session through the owner's browser.
     */
    private void requireAdminForSystemApps(Scope scope, String requested) {
        if (requested == null || scope.allows(Scope.ADMIN)) return;
        String name = AppNames.normalize(requested, baseDomains.get());
        if (AppNames.isSystemApp(name)) {
            throw new FaztException(FaztException.Kind.FORBIDDEN, "FORBIDDEN",
                    "'" + name + "' is a system app (the instance's own pages); deploying it needs an admin key");
        }
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

        List<ContentStore.StagedFile> files = contents.stage(bundle.files());
        long total = files.stream().mapToLong(f -> f.raw().length).sum();
        Versions.NewVersion added = new Versions.NewVersion(files, total, spaMode, bundle.manifest().toString());
        int keep = versions.kept();
        db.requireRoomFor(files.stream().mapToLong(f -> f.raw().length + (f.gzip() == null ? 0 : f.gzip().length)).sum());

        DeployResult result = db.write(c -> {
            String appId = findId(c, name).orElse(null);
            long now = System.currentTimeMillis();
            if (appId == null) appId = createApp(c, name, now);
            contents.insertMissing(c, files);
            int version = versions.addActive(c, appId, added, now, keep);
            return new DeployResult(name, appId, version, files.size(), total);
        });
        afterChange(result.id());
        for (Consumer<String> l : activateListeners) l.accept(result.id());
        db.changes().publish(ChangeKind.APP_DEPLOYED, name, Integer.toString(result.version()));
        log.info("deployed {} version {} ({} files, {} bytes)", name, result.version(), result.fileCount(), result.sizeBytes());
        return result;
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

    /** Makes {@code version} (or, when null, the newest version older than the active one) active. */
    public VersionInfo rollback(String ref, Integer version) {
        String appId = requireId(ref);
        VersionInfo active = versions.rollback(appId, ref, version);
        for (Consumer<String> l : activateListeners) l.accept(appId);
        db.changes().publish(ChangeKind.APP_ROLLED_BACK, nameOf(appId), Integer.toString(active.version()));
        return active;
    }

    /**
     * Calls {@code listener} with the app id after a deploy or a rollback made a version active, on
     * the thread that did it; a listener must return at once (functions warm the version in the background).
     */
    public void onActivate(Consumer<String> listener) {
        activateListeners.add(listener);
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
        String name = nameOf(appId);
        db.write(c -> {
            aliases.removeForApp(c, appId);
            versions.deleteAll(c, appId);
            try (PreparedStatement p = c.prepareStatement("DELETE FROM apps WHERE id = ?")) {
                p.setString(1, appId);
                p.executeUpdate();
            }
            return null;
        });
        afterChange(appId);
        for (Consumer<String> l : deleteListeners) l.accept(appId);
        db.changes().publish(ChangeKind.APP_DELETED, name, appId);
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
                rs.getInt(6) == 1, rs.getLong(7), rs.getLong(8), aliases.labelsOf(id), connections.applyAsInt(id));
    }

    /** The app's kept versions, newest first. */
    public List<VersionInfo> versions(String ref) {
        return versions.list(requireId(ref));
    }

    /** The files of the active version, by path. */
    public List<FileInfo> files(String ref) {
        VersionIndex index = activeIndex(requireId(ref))
                .orElseThrow(() -> FaztException.notFound("'" + ref + "' has no active version"));
        return index.files().values().stream().sorted((a, b) -> a.path().compareTo(b.path()))
                .map(f -> new FileInfo(f.path(), f.hash(), f.size(), f.mime())).toList();
    }

    /** The apps whose active version's manifest has the top-level field {@code field} (at start, to find scheduled jobs). */
    public List<String> idsWithManifestField(String field) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT a.id FROM apps a JOIN versions v ON v.app_id = a.id"
                    + " AND v.version = a.active_version WHERE CASE WHEN json_valid(v.manifest) THEN json_type(v.manifest, ?) END IS NOT NULL")) {
                p.setString(1, "$.\"" + field.replace("\"", "") + "\"");
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** The bytes of one file of the app's active version; not-found when it has no file at {@code path}. */
    public byte[] fileContent(String ref, String path) {
        VersionIndex index = activeIndex(requireId(ref))
                .orElseThrow(() -> FaztException.notFound("'" + ref + "' has no active version"));
        ServedFile file = path == null ? null : index.files().get(path);
        if (file == null) throw FaztException.notFound("'" + ref + "' has no file '" + path + "'");
        return contents.get(file.hash(), file.size())
                .orElseThrow(() -> FaztException.notFound("the content of '" + path + "' is missing")).raw();
    }

    /** The app id for a name, from memory. */
    public Optional<String> idForName(String name) {
        return Optional.ofNullable(idsByName.get(name));
    }

    /** The file map of the app's active version, from memory after the first call. */
    public Optional<VersionIndex> activeIndex(String appId) {
        return versions.activeIndex(appId);
    }

    /** After a commit: load the new active index (or mark the app deleted), names and aliases. */
    private void afterChange(String appId) {
        versions.refreshActive(appId);
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

    /** The name of an app known to exist, from memory. */
    private String nameOf(String appId) {
        return idsByName.entrySet().stream().filter(e -> e.getValue().equals(appId)).map(Map.Entry::getKey)
                .findFirst().orElse(appId);
    }

    private static Optional<String> findId(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM apps WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
