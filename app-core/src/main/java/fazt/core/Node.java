package fazt.core;

import fazt.core.apps.Alias;
import fazt.core.apps.AppInfo;
import fazt.core.apps.DeployResult;
import fazt.core.apps.FileInfo;
import fazt.core.apps.VersionInfo;
import fazt.core.identity.ApiKeys;
import fazt.core.identity.Scope;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
}
