package fazt.core;

import fazt.core.apps.Aliases;
import fazt.core.apps.AppNames;
import fazt.core.apps.Apps;
import fazt.core.apps.Bundle;
import fazt.core.apps.ContentStore;
import fazt.core.db.Database;
import fazt.core.domain.Domains;
import fazt.core.identity.ApiKeys;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: one data.db and everything built on it. It knows nothing of HTTP or windows.
 * Opening takes the instance lock, applies migrations, decides the base domain and seeds the
 * landing app on first start.
 */
public final class Fazt implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Fazt.class);
    private static final long CONTENT_CACHE_BYTES = 128L * 1024 * 1024;

    private final Path dataFile;
    private final InstanceLock lock;
    private final Database db;
    private final Config config;
    private final Aliases aliases;
    private final Apps apps;
    private final ApiKeys apiKeys;
    private final Domains.Decision domain;
    private final long startedAt = System.currentTimeMillis();

    private Fazt(Path dataFile, Map<String, String> flags, Map<String, String> env) {
        this.dataFile = dataFile;
        this.lock = InstanceLock.acquire(dataFile);
        try {
            this.db = Database.open(dataFile);
            this.config = new Config(db, flags, env);
            this.domain = Domains.decide(config.get("domain"), Domains.localIpv4());
            this.aliases = new Aliases(db);
            this.apps = new Apps(db, aliases, new ContentStore(db, CONTENT_CACHE_BYTES),
                    () -> config.getInt("versions_kept"), this::baseDomains);
            this.apiKeys = new ApiKeys(db);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        log.info("base domain {} ({})", domain.domain(), domain.reason());
        seedLandingApp();
    }

    /** Opens the engine on {@code dataFile}; {@code flags} override settings for this run only. */
    public static Fazt open(Path dataFile, Map<String, String> flags) {
        return new Fazt(dataFile, flags, System.getenv());
    }

    public static Fazt open(Path dataFile, Map<String, String> flags, Map<String, String> env) {
        return new Fazt(dataFile, flags, env);
    }

    private void seedLandingApp() {
        if (apps.idForName(AppNames.LANDING).isPresent()) return;
        apps.deploy(AppNames.LANDING, Bundle.of(Map.of("index.html", resource("/fazt/pages/landing.html"))), false);
    }

    /** A page shipped inside fazt (landing page, 404 page). */
    public static byte[] resource(String path) {
        try (InputStream in = Fazt.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing resource " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + path, e);
        }
    }

    public Path dataFile() {
        return dataFile;
    }

    public Database database() {
        return db;
    }

    public Config config() {
        return config;
    }

    public Apps apps() {
        return apps;
    }

    public Aliases aliases() {
        return aliases;
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    public InstanceLock lock() {
        return lock;
    }

    /** The base domain decided at start, then {@code localhost}. */
    public List<String> baseDomains() {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        all.add(domain.domain());
        all.add(Domains.LOCALHOST);
        return List.copyOf(all);
    }

    public Domains.Decision domainDecision() {
        return domain;
    }

    public Health health() {
        Runtime rt = Runtime.getRuntime();
        boolean ok = db.healthy();
        return new Health(ok ? "ok" : "degraded", Version.get(), (System.currentTimeMillis() - startedAt) / 1000,
                dataFile.toString(), baseDomains(), "none (functions arrive in a later version)",
                new Health.Memory(rt.totalMemory() - rt.freeMemory(), rt.maxMemory(), rssBytes()),
                ok ? apps.list().size() : 0);
    }

    private static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }

    /** Settings with their effective values. */
    public Map<String, String> settings() {
        return new TreeMap<>(config.effective());
    }

    @Override
    public void close() {
        try {
            db.close();
        } finally {
            lock.close();
        }
        log.info("closed {}", dataFile);
    }
}
