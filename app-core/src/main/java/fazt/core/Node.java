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
import fazt.core.identity.ApiKeys;
import fazt.core.identity.Invites;
import fazt.core.identity.OAuthProviders;
import fazt.core.identity.OwnerAccount;
import fazt.core.identity.Scope;
import fazt.core.identity.Users;
import fazt.core.js.FunctionCall;
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

/**
 * One fazt instance as the CLI and the desktop see it: the local engine ({@link LocalNode}) or
 * an instance reached over HTTP ({@link fazt.core.peers.RemoteNode}). Every peer is the same kind
 * of thing, so the same code manages both. Errors are {@link FaztException}s.
 */
public interface Node {
    /** A name for messages ("local", or the peer's name). */
    String name();

    Health health();

    /**
     * Deploys a zip. {@code spa} null keeps what the manifest says; {@code progress} receives the
     * number of bytes sent so far (for local nodes, once at the end).
     */
    DeployResult deploy(String appName, byte[] zip, Boolean spa, LongConsumer progress);

    List<AppInfo> apps();

    AppInfo app(String ref);

    void removeApp(String ref);

    List<VersionInfo> versions(String ref);

    VersionInfo rollback(String ref, Integer version);

    List<FileInfo> files(String ref);

    List<Alias> aliases();

    Alias setAlias(String subdomain, String type, String target);

    void removeAlias(String subdomain);

    void swapAliases(String a, String b);

    /** Every setting with its effective value. */
    Map<String, String> config();

    /** Persists a setting in data.db; port, bind and domain take effect at the next start. */
    void setConfig(String key, String value);

    ApiKeys.NewKey createKey(String name, Scope scope);

    /**
     * Sets the owner's username ({@code null} keeps the current one) and password (8 to 1024
     * characters); the owner is signed out everywhere.
     */
    OwnerAccount.CredentialsSet setOwnerCredentials(String username, String password);

    /**
     * For an owner without a password yet (a new data.db): makes one for {@code admin} and returns
     * it, to be shown this once; otherwise empty. A running instance made its own at its start.
     */
    Optional<String> generateOwnerPassword();

    /** Writes a consistent copy of data.db to {@code target} (on this machine) while the instance serves. */
    void backup(Path target);

    /** The peers this instance manages (SPEC §10), never with their tokens. */
    List<Peer> peers();

    /**
     * Links a peer by a pairing code minted there, or by an API key created there: exactly one of
     * {@code code} and {@code token} is given. This instance itself talks to the peer.
     */
    Peer addPeer(String name, String url, String code, String token);

    /** Unlinks a peer; true when the key it gave us was also revoked on the peer. */
    boolean removePeer(String name);

    Peer setDefaultPeer(String name);

    /** Tries to reach a peer now ({@code name} null: the resolution rule of {@link fazt.core.peers.Peers}) and says how it went. */
    PeerStatus peerStatus(String name);

    /** A one-time code another instance can link this one with (SPEC §10.2). */
    Pairing.Code newPairingCode();

    /**
     * The newest function log lines, newest first: of the app {@code app} (name or id; null for
     * every app), at or above {@code level} (debug, info, warn, error; null for all), at most
     * {@code limit} (capped at 1000).
     */
    List<LogLine> logs(String app, String level, int limit);

    /**
     * Delivers function log lines (filtered as in {@link #logs}) to {@code onLine} on a thread of
     * the stream: first the last ~50 stored lines, oldest first, then every new line as it is
     * written, until the stream is closed or breaks (see {@link LogStream#done()}).
     */
    LogStream streamLogs(String app, String level, Consumer<LogLine> onLine);

    /**
     * Delivers every change committed on the instance from now on (a deploy from anywhere, an
     * alias swap, a new user…; see {@link fazt.core.changes.ChangeKind}) to {@code onChange} on a
     * thread of the stream, in order, until the stream is closed or breaks (see
     * {@link ChangeStream#done()}). A {@code resync} change says some were missed (the reader fell
     * behind, or the connection to a peer broke for longer than the peer keeps changes): reload
     * what is shown.
     */
    ChangeStream followChanges(Consumer<Change> onChange);

    /** The app's env vars (SPEC §4.2), sorted by key. */
    Map<String, String> envVars(String app);

    /** Sets one env var; the key must look like {@code API_KEY} and the value be at most 32 KB. */
    void setEnvVar(String app, String key, String value);

    /** Removes one env var; not-found when the app has no such variable. */
    void removeEnvVar(String app, String key);

    /** Analytics of an app (name or id; null for every app) over the last 30 days and the fixed periods (SPEC §7). */
    StatsSummary stats(String app);

    /** Events, pageviews and unique visitors per hour or day: the last {@code points} buckets up to now, oldest first. */
    List<TimelinePoint> timeline(String app, Interval interval, int points);

    /** The short links {@code /r/{slug}} follows, by slug. */
    List<ShortLink> shortLinks();

    /** Creates a short link or points it elsewhere; slug {@code [a-z0-9-]{1,64}}, url http(s). */
    ShortLink setShortLink(String slug, String url);

    /** Removes a short link; not-found when there is none. */
    void removeShortLink(String slug);

    /** The certificates HTTPS serves and the orders in progress (issue 12); keys are never included. */
    List<CertificateInfo> certificates();

    /** Imports the owner's certificate (full chain PEM, leaf first) and its PKCS#8 key; it wins for the names it covers. */
    CertificateInfo importCertificate(String chainPem, String keyPem);

    /** Removes an imported certificate by its first name; not-found when there is none. */
    void removeCertificate(String name);

    /** The sign-in providers (SPEC §6.3); secrets are never included. */
    List<OAuthProviders.Provider> authProviders();

    /** Creates or changes a provider; null fields keep their stored values. */
    OAuthProviders.Provider setAuthProvider(String name, String clientId, String clientSecret, String issuer, Boolean enabled);

    void removeAuthProvider(String name);

    /** App users, oldest first. */
    List<Users.User> users();

    /** Sets an app user's role: user or admin. */
    Users.User setUserRole(String id, String role);

    /** Deletes an app user; their sessions end at once. */
    void removeUser(String id);

    List<Invites.Invite> invites();

    /** A new invite code; {@code validDays} 0 never expires. */
    Invites.Invite createInvite(String role, int maxUses, int validDays);

    void removeInvite(String code);

    // An app's stored data (SPEC §5) as its owner browses it. Listings are paged (PageLimits).

    /** One page of the app's live KV keys that start with {@code prefix}, after the key {@code after} (null: from the first). */
    KeyPage<Kv.Entry> kvEntries(String app, String prefix, String after, Integer limit);

    /** One live key with its value and expiry; not-found when it is missing or has expired. */
    Kv.Entry kvEntry(String app, String key);

    /** Sets a key ({@code ttlMs} null: it never expires) and returns it as stored. */
    Kv.Entry setKvEntry(String app, String key, JsonNode value, Long ttlMs);

    void removeKvEntry(String app, String key);

    /** The app's collections with their document counts, by name. */
    List<Docs.Collection> collections(String app);

    /**
     * One page of a collection's documents: {@code query} is JSON text in the language functions
     * use (null for all), {@code sort} is {@code field}, {@code -field} or {@code {"field": -1}}
     * (null: newest first).
     */
    Docs.Page docs(String app, String collection, String query, String sort, Integer limit, Integer offset);

    ObjectNode doc(String app, String collection, String id);

    /** Replaces a document's fields (its id and {@code _createdAt} stay) and returns it as stored. */
    ObjectNode replaceDoc(String app, String collection, String id, ObjectNode doc);

    void removeDoc(String app, String collection, String id);

    /** The whole collection as a JSON array, oldest first; too large past {@link Docs#MAX_EXPORT_BYTES}. */
    byte[] exportDocs(String app, String collection);

    /** One page of the app's blobs whose path starts with {@code prefix}, after the path {@code after}. */
    KeyPage<Blobs.BlobInfo> blobs(String app, String prefix, String after, Integer limit);

    Blobs.Blob blob(String app, String path);

    void removeBlob(String app, String path);

    /** The scheduled jobs of the app's active version ({@code schedules} in manifest.json) with their latest and next runs. */
    List<ScheduleInfo> schedules(String app);

    /** Runs the app's scheduled job at {@code path} now and waits for it to end; a conflict while it is already running. */
    ScheduleRun runSchedule(String app, String path);

    /**
     * Creates the app {@code name} from a shipped template ({@link fazt.core.templates.Templates})
     * and deploys it as its first version; the same files {@code fazt app create} writes. An app
     * of that name that exists already is left alone (a conflict).
     */
    default DeployResult createFromTemplate(String name, String template) {
        byte[] zip = fazt.core.templates.Templates.zip(template, name);
        if (apps().stream().anyMatch(a -> a.name().equals(name))) {
            throw FaztException.conflict("an app named '" + name + "' exists already; pick another name, or deploy over it");
        }
        return deploy(name, zip, null, sent -> {});
    }

    // What an agent needs beyond the above (issue 15, the MCP server).

    /** The bytes of one file of the app's active version; not-found when there is none at {@code path}. */
    byte[] fileContent(String app, String path);

    /**
     * Runs the app's function once for {@code method path} ({@code /api…}, query allowed) with
     * {@code body}, and answers with what it returned and the log lines this run wrote.
     */
    FunctionCall callFunction(String app, String method, String path, String body, String contentType);
}
