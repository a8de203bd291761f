package fazt.core.peers;

import static fazt.core.peers.AdminEndpoint.*;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.core.Health;
import fazt.core.Ids;
import fazt.core.Json;
import fazt.core.backup.PeerBackups;
import fazt.core.Node;
import fazt.core.analytics.Interval;
import fazt.core.analytics.ShortLink;
import fazt.core.analytics.StatsSummary;
import fazt.core.analytics.TimelinePoint;
import fazt.core.apps.Alias;
import fazt.core.apps.AppInfo;
import fazt.core.apps.AppNames;
import fazt.core.apps.DeployResult;
import fazt.core.apps.FileInfo;
import fazt.core.apps.VersionInfo;
import fazt.core.changes.Change;
import fazt.core.changes.ChangeStream;
import fazt.core.identity.ApiKeys;
import fazt.core.identity.Invites;
import fazt.core.identity.OAuthProviders;
import fazt.core.identity.OwnerAccount;
import fazt.core.identity.Scope;
import fazt.core.identity.Users;
import fazt.core.js.FunctionCall;
import fazt.core.logs.LogLine;
import fazt.core.logs.LogStream;
import fazt.core.schedules.ScheduleInfo;
import fazt.core.schedules.ScheduleRun;
import fazt.core.storage.Blobs;
import fazt.core.storage.Docs;
import fazt.core.storage.KeyPage;
import fazt.core.storage.Kv;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import fazt.core.tls.CertificateInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * An instance reached over its admin API with an API key: the same {@link Node}, over HTTP or
 * HTTPS. Two uses: the CLI driving the instance that serves data.db on this machine (the
 * constructor), and a linked peer ({@link #peer}). Each method maps one {@code Node} call onto
 * one {@link AdminEndpoint}; the transport, its bounds and its errors are {@link AdminApiClient}'s.
 */
public final class RemoteNode implements Node {
    private final AdminApiClient client;
    private volatile String baseDomain;

    /** The instance serving data.db on this machine, driven with its per-run token. */
    public RemoteNode(String name, URI base, String token) {
        this(AdminApiClient.local(name, base, token));
    }

    RemoteNode(AdminApiClient client) {
        this.client = client;
    }

    /** A linked peer; {@code contact} hears how each contact went. */
    public static RemoteNode peer(String name, URI base, String token, PeerContact contact) {
        return peer(name, base, token, contact, AdminApiClient.Limits.DEFAULT);
    }

    static RemoteNode peer(String name, URI base, String token, PeerContact contact, AdminApiClient.Limits limits) {
        return new RemoteNode(AdminApiClient.peer(name, base, token, contact, limits));
    }

    /**
     * Where this peer serves an app: {@code <app>.<its base domain>} (the bare base domain for
     * the landing app), with the scheme and port of the peer's URL.
     */
    public String appUrl(String app) {
        String domain = baseDomain;
        if (domain == null) baseDomain = domain = health().baseDomains().get(0);
        URI base = client.base();
        String port = base.getPort() < 0 ? "" : ":" + base.getPort();
        return AppNames.LANDING.equals(app) ? base.getScheme() + "://" + domain + port + "/" : base.getScheme() + "://" + app + "." + domain + port;
    }

    @Override
    public String name() {
        return client.name();
    }

    /** For a peer, also checks that its version is compatible with ours. */
    @Override
    public Health health() {
        return client.health();
    }

    @Override
    public DeployResult deploy(String appName, byte[] zip, Boolean spa, LongConsumer progress) {
        return client.deploy(appName, zip, spa, progress);
    }

    @Override
    public List<AppInfo> apps() {
        return client.call(APPS.at(), null, new TypeReference<List<AppInfo>>() {});
    }

    @Override
    public AppInfo app(String ref) {
        return client.call(APP.at(ref), null, AppInfo.class);
    }

    @Override
    public void removeApp(String ref) {
        client.call(REMOVE_APP.at(ref), null, JsonNode.class);
    }

    @Override
    public List<VersionInfo> versions(String ref) {
        return client.call(VERSIONS.at(ref), null, new TypeReference<List<VersionInfo>>() {});
    }

    @Override
    public VersionInfo rollback(String ref, Integer version) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (version != null) body.put("version", version);
        return client.call(ROLLBACK.at(ref), body, VersionInfo.class);
    }

    @Override
    public List<FileInfo> files(String ref) {
        return client.call(FILES.at(ref), null, new TypeReference<List<FileInfo>>() {});
    }

    @Override
    public List<Alias> aliases() {
        return client.call(ALIASES.at(), null, new TypeReference<List<Alias>>() {});
    }

    @Override
    public Alias setAlias(String subdomain, String type, String target) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("target", target);
        return client.call(SET_ALIAS.at(subdomain), body, Alias.class);
    }

    @Override
    public void removeAlias(String subdomain) {
        client.call(REMOVE_ALIAS.at(subdomain), null, JsonNode.class);
    }

    @Override
    public void swapAliases(String a, String b) {
        client.call(SWAP_ALIASES.at(), Map.of("a", a, "b", b), JsonNode.class);
    }

    @Override
    public Map<String, String> config() {
        return client.call(CONFIG.at(), null, new TypeReference<Map<String, String>>() {});
    }

    @Override
    public void setConfig(String key, String value) {
        client.call(SET_CONFIG.at(), Map.of(key, value), JsonNode.class);
    }

    @Override
    public ApiKeys.NewKey createKey(String keyName, Scope scope) {
        return client.call(CREATE_KEY.at(), Map.of("name", keyName, "scope", scope.id()), ApiKeys.NewKey.class);
    }

    @Override
    public OwnerAccount.CredentialsSet setOwnerCredentials(String username, String password) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        return client.call(SET_OWNER.at(), body, OwnerAccount.CredentialsSet.class);
    }

    @Override
    public Optional<String> generateOwnerPassword() {
        return Optional.ofNullable(client.call(GENERATE_OWNER_PASSWORD.at(), Map.of(), JsonNode.class).path("password").textValue());
    }

    /** Streams {@code GET /api/system/backup} into {@code target}. */
    @Override
    public void backup(Path target) {
        client.backup(target);
    }

    /** Sends a backup file for this peer to keep beside its own data.db, as {@code from}, {@code keep} of them. */
    public PeerBackups.Stored storeBackup(Path file, String from, int keep) {
        return client.storeBackup(file, from, keep);
    }

    @Override
    public List<Peer> peers() {
        return client.call(PEERS.at(), null, new TypeReference<List<Peer>>() {});
    }

    @Override
    public Peer addPeer(String peerName, String url, String code, String peerToken) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("name", peerName);
        body.put("url", url);
        if (code != null) body.put("code", code);
        if (peerToken != null) body.put("token", peerToken);
        return client.call(ADD_PEER.at(), body, Peer.class);
    }

    @Override
    public boolean removePeer(String peerName) {
        return client.call(REMOVE_PEER.at(peerName), null, JsonNode.class).path("revoked").asBoolean();
    }

    @Override
    public Peer setDefaultPeer(String peerName) {
        return client.call(SET_DEFAULT_PEER.at(peerName), null, Peer.class);
    }

    @Override
    public PeerStatus peerStatus(String peerName) {
        return client.call(peerName == null ? RESOLVED_PEER_STATUS.at() : PEER_STATUS.at(peerName), null, PeerStatus.class);
    }

    @Override
    public Pairing.Code newPairingCode() {
        return client.call(NEW_PAIRING_CODE.at(), null, Pairing.Code.class);
    }

    @Override
    public List<LogLine> logs(String app, String level, int limit) {
        return client.call(LOGS.at().query("app", app, "level", level, "limit", String.valueOf(limit)), null,
                new TypeReference<List<LogLine>>() {});
    }

    /** Reads {@code GET /api/logs/stream} (Server-Sent Events) on a thread of the stream. */
    @Override
    public LogStream streamLogs(String app, String level, Consumer<LogLine> onLine) {
        return client.streamLogs(LOG_STREAM.at().query("app", app, "level", level), onLine);
    }

    @Override
    public ChangeStream followChanges(Consumer<Change> onChange) {
        return client.followChanges(CHANGES.at(), onChange);
    }

    @Override
    public Map<String, String> envVars(String app) {
        return new TreeMap<>(client.call(ENV_VARS.at().query("app", app), null, new TypeReference<Map<String, String>>() {}));
    }

    @Override
    public void setEnvVar(String app, String key, String value) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("app", app);
        body.put("key", key);
        body.put("value", value);
        client.call(SET_ENV_VAR.at(), body, JsonNode.class);
    }

    @Override
    public void removeEnvVar(String app, String key) {
        client.call(REMOVE_ENV_VAR.at().query("app", app, "key", key), null, JsonNode.class);
    }

    @Override
    public StatsSummary stats(String app) {
        return client.call(STATS.at().query("app", app), null, StatsSummary.class);
    }

    @Override
    public List<TimelinePoint> timeline(String app, Interval interval, int points) {
        String from = String.valueOf(interval.startOfLast(points, System.currentTimeMillis()));
        return client.call(TIMELINE.at().query("app", app, "interval", interval.id(), "from", from), null,
                new TypeReference<List<TimelinePoint>>() {});
    }

    @Override
    public List<ShortLink> shortLinks() {
        return client.call(SHORT_LINKS.at(), null, new TypeReference<List<ShortLink>>() {});
    }

    @Override
    public ShortLink setShortLink(String slug, String url) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("slug", slug);
        body.put("url", url);
        return client.call(SET_SHORT_LINK.at(), body, ShortLink.class);
    }

    @Override
    public void removeShortLink(String slug) {
        client.call(REMOVE_SHORT_LINK.at(slug), null, JsonNode.class);
    }

    @Override
    public List<CertificateInfo> certificates() {
        return client.call(CERTIFICATES.at(), null, new TypeReference<List<CertificateInfo>>() {});
    }

    @Override
    public CertificateInfo importCertificate(String chainPem, String keyPem) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("cert", chainPem);
        body.put("key", keyPem);
        return client.call(IMPORT_CERTIFICATE.at(), body, CertificateInfo.class);
    }

    @Override
    public void removeCertificate(String name) {
        client.call(REMOVE_CERTIFICATE.at(name), null, JsonNode.class);
    }

    @Override
    public List<OAuthProviders.Provider> authProviders() {
        return client.call(AUTH_PROVIDERS.at(), null, new TypeReference<List<OAuthProviders.Provider>>() {});
    }

    @Override
    public OAuthProviders.Provider setAuthProvider(String providerName, String clientId, String clientSecret, String issuer,
            Boolean enabled) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (clientId != null) body.put("client_id", clientId);
        if (clientSecret != null) body.put("client_secret", clientSecret);
        if (issuer != null) body.put("issuer", issuer);
        if (enabled != null) body.put("enabled", enabled);
        return client.call(SET_AUTH_PROVIDER.at(providerName), body, OAuthProviders.Provider.class);
    }

    @Override
    public void removeAuthProvider(String providerName) {
        client.call(REMOVE_AUTH_PROVIDER.at(providerName), null, JsonNode.class);
    }

    @Override
    public List<Users.User> users() {
        return client.call(USERS.at(), null, new TypeReference<List<Users.User>>() {});
    }

    @Override
    public Users.User setUserRole(String id, String role) {
        return client.call(SET_USER_ROLE.at(id), Map.of("role", role), Users.User.class);
    }

    @Override
    public void removeUser(String id) {
        client.call(REMOVE_USER.at(id), null, JsonNode.class);
    }

    @Override
    public List<Invites.Invite> invites() {
        return client.call(INVITES.at(), null, new TypeReference<List<Invites.Invite>>() {});
    }

    @Override
    public Invites.Invite createInvite(String role, int maxUses, int validDays) {
        return client.call(CREATE_INVITE.at(), Map.of("role", role, "max_uses", maxUses, "valid_days", validDays), Invites.Invite.class);
    }

    @Override
    public void removeInvite(String code) {
        client.call(REMOVE_INVITE.at(code), null, JsonNode.class);
    }

    @Override
    public KeyPage<Kv.Entry> kvEntries(String app, String prefix, String after, Integer limit) {
        JsonNode page = client.callForEnvelope(KV.at(app).query("prefix", prefix, "after", after, "limit", text(limit)));
        return new KeyPage<>(Json.MAPPER.convertValue(page.get("data"), new TypeReference<List<Kv.Entry>>() {}),
                page.path("meta").path("next").textValue());
    }

    @Override
    public Kv.Entry kvEntry(String app, String key) {
        return client.call(KV_ENTRY.at(app).query("key", key), null, Kv.Entry.class);
    }

    @Override
    public Kv.Entry setKvEntry(String app, String key, JsonNode value, Long ttlMs) {
        ObjectNode body = Json.MAPPER.createObjectNode().set("value", value == null ? NullNode.instance : value);
        if (ttlMs != null) body.put("ttl_ms", ttlMs);
        return client.call(SET_KV_ENTRY.at(app).query("key", key), body, Kv.Entry.class);
    }

    @Override
    public void removeKvEntry(String app, String key) {
        client.call(REMOVE_KV_ENTRY.at(app).query("key", key), null, JsonNode.class);
    }

    @Override
    public List<Docs.Collection> collections(String app) {
        return client.call(COLLECTIONS.at(app), null, new TypeReference<List<Docs.Collection>>() {});
    }

    @Override
    public Docs.Page docs(String app, String collection, String query, String sort, Integer limit, Integer offset) {
        JsonNode page = client.callForEnvelope(DOCS.at(app).query("collection", collection, "query", query, "sort", sort,
                "limit", text(limit), "offset", text(offset)));
        JsonNode meta = page.path("meta");
        return new Docs.Page(Json.MAPPER.convertValue(page.get("data"), new TypeReference<List<ObjectNode>>() {}),
                meta.path("total").asLong(), meta.path("limit").asInt(), meta.path("offset").asInt());
    }

    @Override
    public ObjectNode doc(String app, String collection, String id) {
        return client.call(DOC.at(app).query("collection", collection, "id", id), null, ObjectNode.class);
    }

    @Override
    public ObjectNode replaceDoc(String app, String collection, String id, ObjectNode doc) {
        return client.call(REPLACE_DOC.at(app).query("collection", collection, "id", id), doc, ObjectNode.class);
    }

    @Override
    public void removeDoc(String app, String collection, String id) {
        client.call(REMOVE_DOC.at(app).query("collection", collection, "id", id), null, JsonNode.class);
    }

    @Override
    public byte[] exportDocs(String app, String collection) {
        return client.download(EXPORT_DOCS.at(app).query("collection", collection)).body();
    }

    @Override
    public KeyPage<Blobs.BlobInfo> blobs(String app, String prefix, String after, Integer limit) {
        JsonNode page = client.callForEnvelope(BLOBS.at(app).query("prefix", prefix, "after", after, "limit", text(limit)));
        return new KeyPage<>(Json.MAPPER.convertValue(page.get("data"), new TypeReference<List<Blobs.BlobInfo>>() {}),
                page.path("meta").path("next").textValue());
    }

    /** The hash is computed from the bytes received; {@code updatedAt} comes from Last-Modified, so it is to the second. */
    @Override
    public Blobs.Blob blob(String app, String path) {
        AdminApiClient.Download d = client.download(BLOB.at(app).query("path", path));
        return new Blobs.Blob(d.body(), d.contentType(), d.body().length, Ids.sha256(d.body()), d.lastModified());
    }

    @Override
    public void removeBlob(String app, String path) {
        client.call(REMOVE_BLOB.at(app).query("path", path), null, JsonNode.class);
    }

    @Override
    public byte[] fileContent(String app, String path) {
        return client.download(FILE.at(app).query("path", path)).body();
    }

    @Override
    public FunctionCall callFunction(String app, String method, String path, String body, String contentType) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", method);
        request.put("path", path);
        request.put("body", body);
        request.put("contentType", contentType);
        return client.call(CALL_FUNCTION.at(app), request, FunctionCall.class);
    }

    private static String text(Integer n) {
        return n == null ? null : n.toString();
    }

    @Override
    public List<ScheduleInfo> schedules(String app) {
        return client.call(SCHEDULES.at(app), null, new TypeReference<List<ScheduleInfo>>() {});
    }

    @Override
    public ScheduleRun runSchedule(String app, String path) {
        return client.call(RUN_SCHEDULE.at(app), Map.of("path", path), ScheduleRun.class);
    }
}
