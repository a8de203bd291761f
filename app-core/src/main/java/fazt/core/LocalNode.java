package fazt.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.core.analytics.Interval;
import fazt.core.analytics.ShortLink;
import fazt.core.analytics.StatsSummary;
import fazt.core.analytics.TimelinePoint;
import fazt.core.apps.Alias;
import fazt.core.apps.AppInfo;
import fazt.core.apps.DeployResult;
import fazt.core.apps.FileInfo;
import fazt.core.apps.VersionInfo;
import fazt.core.changes.Change;
import fazt.core.changes.ChangeStream;
import fazt.core.changes.LocalChangeStream;
import fazt.core.identity.ApiKeys;
import fazt.core.identity.Invites;
import fazt.core.identity.OAuthProviders;
import fazt.core.identity.OwnerAccount;
import fazt.core.identity.Scope;
import fazt.core.identity.Users;
import fazt.core.js.FunctionCall;
import fazt.core.logs.LocalLogStream;
import fazt.core.logs.LogLine;
import fazt.core.logs.LogStream;
import fazt.core.peers.Pairing;
import fazt.core.peers.Peer;
import fazt.core.peers.PeerStatus;
import fazt.core.schedules.ScheduleInfo;
import fazt.core.schedules.ScheduleRun;
import fazt.core.storage.Blobs;
import fazt.core.storage.Docs;
import fazt.core.storage.KeyPage;
import fazt.core.storage.Kv;
import java.nio.file.Path;
import fazt.core.tls.CertificateInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/** The engine in this process, as a {@link Node}. */
public final class LocalNode implements Node {
    private final Fazt fazt;

    public LocalNode(Fazt fazt) {
        this.fazt = fazt;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Health health() {
        return fazt.health();
    }

    /** Whoever holds the engine in-process owns the data file, so deploys here act as an admin. */
    @Override
    public DeployResult deploy(String appName, byte[] zip, Boolean spa, LongConsumer progress) {
        DeployResult r = fazt.apps().deployZip(zip, appName, spa, Scope.ADMIN);
        progress.accept(zip.length);
        return r;
    }

    @Override
    public List<AppInfo> apps() {
        return fazt.apps().list();
    }

    @Override
    public AppInfo app(String ref) {
        return fazt.apps().get(ref);
    }

    @Override
    public void removeApp(String ref) {
        fazt.apps().delete(ref);
    }

    @Override
    public List<VersionInfo> versions(String ref) {
        return fazt.apps().versions(ref);
    }

    @Override
    public VersionInfo rollback(String ref, Integer version) {
        return fazt.apps().rollback(ref, version);
    }

    @Override
    public List<FileInfo> files(String ref) {
        return fazt.apps().files(ref);
    }

    @Override
    public List<Alias> aliases() {
        return fazt.aliases().list();
    }

    @Override
    public Alias setAlias(String subdomain, String type, String target) {
        return fazt.aliases().set(subdomain, type, target);
    }

    @Override
    public void removeAlias(String subdomain) {
        fazt.aliases().remove(subdomain);
    }

    @Override
    public void swapAliases(String a, String b) {
        fazt.aliases().swap(a, b);
    }

    @Override
    public Map<String, String> config() {
        return fazt.settings();
    }

    @Override
    public void setConfig(String key, String value) {
        fazt.config().store(key, value);
    }

    @Override
    public ApiKeys.NewKey createKey(String name, Scope scope) {
        return fazt.apiKeys().create(name, scope);
    }

    @Override
    public OwnerAccount.CredentialsSet setOwnerCredentials(String username, String password) {
        return fazt.ownerAccount().changeCredentials(username, password);
    }

    @Override
    public Optional<String> generateOwnerPassword() {
        return fazt.ownerAccount().generatePasswordIfMissing();
    }

    @Override
    public void backup(Path target) {
        fazt.database().backupTo(target);
    }

    @Override
    public List<Peer> peers() {
        return fazt.peers().list();
    }

    @Override
    public Peer addPeer(String name, String url, String code, String token) {
        return fazt.peerLinking().add(name, url, code, token);
    }

    @Override
    public boolean removePeer(String name) {
        return fazt.peers().remove(name);
    }

    @Override
    public Peer setDefaultPeer(String name) {
        return fazt.peers().makeDefault(name);
    }

    @Override
    public PeerStatus peerStatus(String name) {
        return fazt.peers().status(name);
    }

    @Override
    public Pairing.Code newPairingCode() {
        return fazt.pairing().mint();
    }

    @Override
    public List<LogLine> logs(String app, String level, int limit) {
        return fazt.functionLogs().query(appIdOrNull(app), level, limit, null);
    }

    @Override
    public LogStream streamLogs(String app, String level, Consumer<LogLine> onLine) {
        return new LocalLogStream(fazt.functionLogs().follow(appIdOrNull(app), level, null), onLine);
    }

    @Override
    public ChangeStream followChanges(Consumer<Change> onChange) {
        return new LocalChangeStream(fazt.changes().follow(null), onChange);
    }

    private String appIdOrNull(String ref) {
        return ref == null ? null : fazt.apps().get(ref).id();
    }

    @Override
    public Map<String, String> envVars(String app) {
        return fazt.envVars().all(fazt.apps().get(app).id());
    }

    @Override
    public void setEnvVar(String app, String key, String value) {
        fazt.envVars().set(fazt.apps().get(app).id(), key, value);
    }

    @Override
    public void removeEnvVar(String app, String key) {
        fazt.envVars().removeExisting(fazt.apps().get(app), key);
    }

    @Override
    public StatsSummary stats(String app) {
        return fazt.analytics().stats().summary(appIdOrNull(app), null, null);
    }

    @Override
    public List<TimelinePoint> timeline(String app, Interval interval, int points) {
        return fazt.analytics().stats().timeline(appIdOrNull(app), interval, interval.startOfLast(points, System.currentTimeMillis()), null);
    }

    @Override
    public List<ShortLink> shortLinks() {
        return fazt.analytics().shortLinks().list();
    }

    @Override
    public ShortLink setShortLink(String slug, String url) {
        return fazt.analytics().shortLinks().set(slug, url);
    }

    @Override
    public void removeShortLink(String slug) {
        fazt.analytics().shortLinks().remove(slug);
    }

    @Override
    public List<CertificateInfo> certificates() {
        return fazt.certificates().list();
    }

    @Override
    public CertificateInfo importCertificate(String chainPem, String keyPem) {
        return fazt.certificates().importPem(chainPem, keyPem);
    }

    @Override
    public void removeCertificate(String name) {
        fazt.certificates().remove(name);
    }

    @Override
    public List<OAuthProviders.Provider> authProviders() {
        return fazt.oauthProviders().list();
    }

    @Override
    public OAuthProviders.Provider setAuthProvider(String name, String clientId, String clientSecret, String issuer, Boolean enabled) {
        return fazt.oauthProviders().put(name, clientId, clientSecret, issuer, enabled);
    }

    @Override
    public void removeAuthProvider(String name) {
        fazt.oauthProviders().delete(name);
    }

    @Override
    public List<Users.User> users() {
        return fazt.users().list();
    }

    @Override
    public Users.User setUserRole(String id, String role) {
        return fazt.users().setRole(id, role);
    }

    @Override
    public void removeUser(String id) {
        fazt.users().delete(id);
    }

    @Override
    public List<Invites.Invite> invites() {
        return fazt.invites().list();
    }

    @Override
    public Invites.Invite createInvite(String role, int maxUses, int validDays) {
        return fazt.invites().create(role, maxUses, validDays);
    }

    @Override
    public void removeInvite(String code) {
        fazt.invites().delete(code);
    }

    @Override
    public KeyPage<Kv.Entry> kvEntries(String app, String prefix, String after, Integer limit) {
        return fazt.kv().page(fazt.apps().get(app).id(), prefix, after, limit);
    }

    @Override
    public Kv.Entry kvEntry(String app, String key) {
        return fazt.kv().existing(fazt.apps().get(app), key);
    }

    @Override
    public Kv.Entry setKvEntry(String app, String key, JsonNode value, Long ttlMs) {
        return fazt.kv().set(fazt.apps().get(app).id(), key, value, ttlMs);
    }

    @Override
    public void removeKvEntry(String app, String key) {
        fazt.kv().deleteExisting(fazt.apps().get(app), key);
    }

    @Override
    public List<Docs.Collection> collections(String app) {
        return fazt.docs().collections(fazt.apps().get(app).id());
    }

    @Override
    public Docs.Page docs(String app, String collection, String query, String sort, Integer limit, Integer offset) {
        return fazt.docs().page(fazt.apps().get(app).id(), collection, query, sort, limit, offset);
    }

    @Override
    public ObjectNode doc(String app, String collection, String id) {
        return fazt.docs().existing(fazt.apps().get(app), collection, id);
    }

    @Override
    public ObjectNode replaceDoc(String app, String collection, String id, ObjectNode doc) {
        return fazt.docs().replace(fazt.apps().get(app), collection, id, doc);
    }

    @Override
    public void removeDoc(String app, String collection, String id) {
        fazt.docs().deleteExisting(fazt.apps().get(app), collection, id);
    }

    @Override
    public byte[] exportDocs(String app, String collection) {
        return fazt.docs().export(fazt.apps().get(app).id(), collection);
    }

    @Override
    public KeyPage<Blobs.BlobInfo> blobs(String app, String prefix, String after, Integer limit) {
        return fazt.blobs().page(fazt.apps().get(app).id(), prefix, after, limit);
    }

    @Override
    public Blobs.Blob blob(String app, String path) {
        return fazt.blobs().existing(fazt.apps().get(app), path);
    }

    @Override
    public void removeBlob(String app, String path) {
        fazt.blobs().deleteExisting(fazt.apps().get(app), path);
    }

    @Override
    public List<ScheduleInfo> schedules(String app) {
        return fazt.schedules().list(fazt.apps().get(app).id());
    }

    @Override
    public ScheduleRun runSchedule(String app, String path) {
        return fazt.schedules().runNow(fazt.apps().get(app).id(), path);
    }

    @Override
    public DeployResult createFromTemplate(String name, String template) {
        return fazt.apps().createFromTemplate(name, template, Scope.ADMIN);
    }

    @Override
    public byte[] fileContent(String app, String path) {
        return fazt.apps().fileContent(app, path);
    }

    @Override
    public FunctionCall callFunction(String app, String method, String path, String body, String contentType) {
        return FunctionCall.run(fazt, app, method, path, body, contentType);
    }
}
