package fazt.core.peers;

import static fazt.core.peers.AdminEndpoint.*;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Health;
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
import fazt.core.logs.LogLine;
import fazt.core.logs.LogStream;
import fazt.core.schedules.ScheduleInfo;
import fazt.core.schedules.ScheduleRun;
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
 * The calls into one app's data, files and functions are in {@link RemoteAppCalls}.
 */
public final class RemoteNode extends RemoteAppCalls implements Node {
    private volatile String baseDomain;

    /** The instance serving data.db on this machine, driven with its per-run token. */
    public RemoteNode(String name, URI base, String token) {
        this(AdminApiClient.local(name, base, token));
    }

    RemoteNode(AdminApiClient client) {
        super(client);
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
    public List<ScheduleInfo> schedules(String app) {
        return client.call(SCHEDULES.at(app), null, new TypeReference<List<ScheduleInfo>>() {});
    }

    @Override
    public ScheduleRun runSchedule(String app, String path) {
        return client.call(RUN_SCHEDULE.at(app), Map.of("path", path), ScheduleRun.class);
    }
}
