package fazt.core;

import fazt.core.apps.Alias;
import fazt.core.apps.AppInfo;
import fazt.core.apps.DeployResult;
import fazt.core.apps.FileInfo;
import fazt.core.apps.VersionInfo;
import fazt.core.identity.ApiKeys;
import fazt.core.identity.Invites;
import fazt.core.identity.OAuthProviders;
import fazt.core.identity.Scope;
import fazt.core.identity.Users;
import fazt.core.logs.LogLine;
import fazt.core.logs.LogStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    /** Writes a consistent copy of data.db to {@code target} (on this machine) while the instance serves. */
    void backup(Path target);

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

    /** The app's env vars (SPEC §4.2), sorted by key. */
    Map<String, String> envVars(String app);

    /** Sets one env var; the key must look like {@code API_KEY} and the value be at most 32 KB. */
    void setEnvVar(String app, String key, String value);

    /** Removes one env var; not-found when the app has no such variable. */
    void removeEnvVar(String app, String key);

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
}
