package fazt.core;

import fazt.core.apps.Aliases;
import fazt.core.apps.AppNames;
import fazt.core.apps.Apps;
import fazt.core.apps.Bundle;
import fazt.core.apps.BundleLimits;
import fazt.core.analytics.Analytics;
import fazt.core.backup.PeerBackups;
import fazt.core.backup.ScheduledBackups;
import fazt.core.changes.Changes;
import fazt.core.apps.ContentStore;
import fazt.core.apps.VersionIndex;
import fazt.core.db.Database;
import fazt.core.db.Retention;
import fazt.core.domain.Domains;
import fazt.core.env.EnvVars;
import fazt.core.identity.ApiKeys;
import fazt.core.identity.HandoffCodes;
import fazt.core.identity.Invites;
import fazt.core.identity.FailureThrottle;
import fazt.core.identity.OAuthProviders;
import fazt.core.identity.OAuthSignIn;
import fazt.core.identity.OAuthStates;
import fazt.core.identity.Owner;
import fazt.core.identity.OwnerAccount;
import fazt.core.identity.Sessions;
import fazt.core.identity.Users;
import fazt.core.js.AppServices;
import fazt.core.js.FunctionLimits;
import fazt.core.js.FunctionRequest;
import fazt.core.js.FunctionResponse;
import fazt.core.js.Functions;
import fazt.core.js.JsEngine;
import fazt.core.logs.FunctionLogs;
import fazt.core.logs.LogHub;
import fazt.core.net.FetchLimits;
import fazt.core.net.HostResolver;
import fazt.core.net.OutboundFetch;
import fazt.core.peers.Pairing;
import fazt.core.peers.PeerLinking;
import fazt.core.peers.Peers;
import fazt.core.schedules.Schedules;
import fazt.core.realtime.Realtime;
import fazt.core.realtime.RealtimeLimits;
import fazt.core.storage.Blobs;
import fazt.core.storage.Docs;
import fazt.core.storage.Kv;
import fazt.core.acme.Http01Tokens;
import fazt.core.acme.TlsAlpnChallenges;
import fazt.core.tls.AutomaticCertificates;
import fazt.core.tls.CertificateInfo;
import fazt.core.tls.Certificates;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
    private final Owner owner;
    private final Sessions sessions;
    private final OwnerAccount ownerAccount;
    private final Users users;
    private final Invites invites;
    private final OAuthProviders oauthProviders;
    private final OAuthSignIn oauthSignIn;
    private final HandoffCodes handoffCodes = new HandoffCodes(System::currentTimeMillis);
    private final FunctionLogs functionLogs;
    private final EnvVars envVars;
    private final Retention logRetention;
    private final Kv kv;
    private final Docs docs;
    private final Blobs blobs;
    private final OutboundFetch outboundFetch;
    private final Functions functions;
    private final Schedules schedules;
    private final Realtime realtime;
    private final Peers peers;
    private final PeerLinking peerLinking;
    private final Pairing pairing;
    private final Analytics analytics;
    private final Certificates certificates;
    private final Http01Tokens acmeTokens = new Http01Tokens();
    private final TlsAlpnChallenges tlsAlpnChallenges = new TlsAlpnChallenges();
    private final AutomaticCertificates automaticCertificates;
    private final ScheduledExecutorService maintenance;
    private final ScheduledBackups scheduledBackups;
    private final PeerBackups peerBackups;
    private final Domains.Decision domain;
    private final List<String> baseDomains;
    private final long startedAt = System.currentTimeMillis();

    private Fazt(Path dataFile, Map<String, String> flags, Map<String, String> env, Clock scheduleClock) {
        this.dataFile = dataFile;
        this.lock = InstanceLock.acquire(dataFile);
        try {
            this.db = Database.open(dataFile);
            this.config = new Config(db, flags, env);
            Supplier<Boolean> litestream = config.derived(c -> c.get("wal_checkpoints").trim().equals("litestream"));
            db.leaveCheckpointsTo(litestream::get);
            this.domain = Domains.decide(config.get("domain"), Domains.localIpv4());
            this.baseDomains = List.copyOf(new LinkedHashSet<>(List.of(domain.domain(), Domains.LOCALHOST)));
            this.aliases = new Aliases(db);
            this.apps = new Apps(db, aliases, new ContentStore(db, CONTENT_CACHE_BYTES),
                    () -> config.getInt("versions_kept"), this::baseDomains, () -> BundleLimits.from(config));
            this.apiKeys = new ApiKeys(db);
            this.owner = new Owner(db);
            this.sessions = new Sessions(db, System::currentTimeMillis);
            this.ownerAccount = new OwnerAccount(owner, sessions,
                    new FailureThrottle(System::currentTimeMillis, FailureThrottle.LOGIN_FAILURES));
            this.users = new Users(db, System::currentTimeMillis);
            this.invites = new Invites(db, System::currentTimeMillis);
            this.oauthProviders = new OAuthProviders(db, System::currentTimeMillis);
            this.oauthSignIn = new OAuthSignIn(oauthProviders, new OAuthStates(db, System::currentTimeMillis), users,
                    System::currentTimeMillis);
            this.functionLogs = new FunctionLogs(db, LogHub.shared());
            this.envVars = new EnvVars(db);
            this.logRetention = new Retention("function log lines", "logs_retention_days",
                    () -> config.getInt("logs_retention_days"), functionLogs::purgeOlderThan);
            this.kv = new Kv(db);
            this.docs = new Docs(db);
            this.blobs = new Blobs(db);
            this.outboundFetch = new OutboundFetch(config.derived(FetchLimits::from), HostResolver.system());
            this.realtime = new Realtime(config.derived(RealtimeLimits::from), appId -> apps.activeIndex(appId).map(VersionIndex::manifest));
            apps.countConnectionsWith(realtime::connections);
            this.functions = new Functions(JsEngine.shared(),
                    new AppServices(kv, docs, blobs, envVars, functionLogs, apps.contents(), outboundFetch, realtime), config.derived(FunctionLimits::from));
            this.peers = new Peers(db, Clock.systemUTC());
            this.peerLinking = new PeerLinking(peers);
            this.pairing = new Pairing(db, apiKeys, Clock.systemUTC());
            this.analytics = new Analytics(db, () -> config.getInt("analytics_raw_days"), () -> config.getInt("analytics_retention_days"));
            this.certificates = new Certificates(db, Clock.systemUTC());
            this.automaticCertificates = new AutomaticCertificates(certificates, config, () -> domain.domain(),
                    () -> apps.list().stream().map(a -> a.name()).toList(), aliases::list, db.changes(), acmeTokens, tlsAlpnChallenges,
                    Clock.systemUTC());
            this.schedules = new Schedules(db, apps::activeIndex, () -> apps.idsWithManifestField("schedules"), functionLogs,
                    this::callScheduled, scheduleClock);
            this.scheduledBackups = new ScheduledBackups(db, config,
                    (peer, copy, keep) -> peers.node(peer).storeBackup(copy, baseDomains().get(0), keep), Clock.systemUTC());
            this.peerBackups = new PeerBackups(dataFile, Clock.systemUTC());
            apps.onDelete(this::deleteAppData);
            apps.onActivate(appId -> functions.prepare(() -> apps.activeIndex(appId)));
            apps.onActivate(schedules::activated);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        log.info("base domain {} ({})", domain.domain(), domain.reason());
        seedLandingApp();
        logRetention.start(Duration.ZERO, Duration.ofHours(1));
        analytics.start();
        maintenance = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("fazt-kv-purge").unstarted(r));
        // expired keys and sessions are never returned or accepted; this only reclaims their rows
        maintenance.scheduleWithFixedDelay(() -> quietly("purging expired keys", kv::purgeExpired), 1, 1, TimeUnit.MINUTES);
        maintenance.scheduleWithFixedDelay(() -> quietly("purging expired sessions", sessions::purgeExpired), 0, 1, TimeUnit.HOURS);
        if (!config.get("https").trim().equals("off")) automaticCertificates.start(); // orders while https is auto
        scheduledBackups.start();
    }

    private void deleteAppData(String appId) {
        schedules.deleted(appId);
        functions.forget(appId);
        realtime.forget(appId);
        kv.deleteApp(appId);
        docs.deleteApp(appId);
        blobs.deleteApp(appId);
        envVars.deleteApp(appId);
        functionLogs.deleteApp(appId);
        analytics.events().deleteApp(appId);
    }

    private static void quietly(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("{} failed: {}", what, e.getMessage());
        }
    }

    /** Opens the engine on {@code dataFile}; {@code flags} override settings for this run only. */
    public static Fazt open(Path dataFile, Map<String, String> flags) {
        return new Fazt(dataFile, flags, System.getenv(), Clock.systemUTC());
    }

    public static Fazt open(Path dataFile, Map<String, String> flags, Map<String, String> env) {
        return new Fazt(dataFile, flags, env, Clock.systemUTC());
    }

    /** As {@link #open(Path, Map, Map)}, with the clock scheduled jobs tick by (tests move one by hand). */
    public static Fazt open(Path dataFile, Map<String, String> flags, Map<String, String> env, Clock scheduleClock) {
        return new Fazt(dataFile, flags, env, scheduleClock);
    }

    /**
     * One scheduled run: {@code POST path} with no body, marked by {@link Schedules#HEADER} (its value
     * says what started it) and {@code request.scheduled}, which no HTTP request can set.
     */
    private FunctionResponse callScheduled(VersionIndex index, String path, String trigger, String requestId) {
        FunctionRequest request = new FunctionRequest("POST", path, Map.of(), Map.of(Schedules.HEADER, trigger), new byte[0],
                null, "", requestId, "http://" + index.appName() + "." + domain.domain() + path, true);
        return functions.invoke(index, request, null);
    }

    private void seedLandingApp() {
        if (apps.idForName(AppNames.LANDING).isPresent()) return;
        apps.deploy(AppNames.LANDING, Bundle.of(Map.of("index.html", ShippedFiles.read("/fazt/pages/landing.html"))), false);
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

    /**
     * What the feature classes committed (deploys, aliases, env vars, users, keys, peers,
     * settings…), told to whoever follows: the admin API's change stream and the desktop.
     */
    public Changes changes() {
        return db.changes();
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

    /** The owner's username and password (SPEC §6.1). */
    public Owner owner() {
        return owner;
    }

    /** Sign-in sessions of the owner and of app users. */
    public Sessions sessions() {
        return sessions;
    }

    /** People signed in to apps through a provider or an invite (SPEC §6.3). */
    public Users users() {
        return users;
    }

    public Invites invites() {
        return invites;
    }

    /** The sign-in providers the owner set up (Google, GitHub, OpenID Connect issuers). */
    public OAuthProviders oauthProviders() {
        return oauthProviders;
    }

    /** App users' sign-in through those providers. */
    public OAuthSignIn oauthSignIn() {
        return oauthSignIn;
    }

    /** One-time codes that open the dashboard signed in, minted by the desktop. */
    public HandoffCodes handoffCodes() {
        return handoffCodes;
    }

    /** The owner's sign-in (throttled per client address), credentials and first-run password. */
    public OwnerAccount ownerAccount() {
        return ownerAccount;
    }

    /** What functions logged (SPEC §4.4). */
    public FunctionLogs functionLogs() {
        return functionLogs;
    }

    /** The owner's per-app variables, {@code fazt.env} in functions (SPEC §4.2). */
    public EnvVars envVars() {
        return envVars;
    }

    /** Apps' scheduled jobs (the {@code schedules} of manifest.json); a serving instance starts them. */
    public Schedules schedules() {
        return schedules;
    }

    /** Runs apps' {@code api/main.js} (SPEC §4). */
    public Functions functions() {
        return functions;
    }

    /** For a process that has just started: see {@link Functions#prepareEngineInBackground}. */
    public void prepareFunctionsInBackground() {
        functions.prepareEngineInBackground(() -> apps.list().stream().map(a -> apps.activeIndex(a.id())).flatMap(Optional::stream));
    }

    /** Functions' guarded outbound HTTP ({@code fazt.net.fetch}). */
    public OutboundFetch outboundFetch() {
        return outboundFetch;
    }

    /** The apps' WebSocket hubs on {@code /_ws} and their connection caps. */
    public Realtime realtime() {
        return realtime;
    }

    public Kv kv() {
        return kv;
    }

    public Docs docs() {
        return docs;
    }

    public Blobs blobs() {
        return blobs;
    }

    /** The peers this instance manages (SPEC §10). */
    public Peers peers() {
        return peers;
    }

    /** Links peers to this instance (by a pairing code or an API key made there). */
    public PeerLinking peerLinking() {
        return peerLinking;
    }

    /** One-time codes that let another instance link this one (SPEC §10.2). */
    public Pairing pairing() {
        return pairing;
    }

    /** Events, stats and short links (SPEC §7). */
    public Analytics analytics() {
        return analytics;
    }

    /** The certificates HTTPS serves, and ACME orders in progress (issue 12). */
    public Certificates certificates() {
        return certificates;
    }

    /** The HTTP-01 answers the CA fetches while an order is validated; the HTTP server answers from these. */
    public Http01Tokens acmeTokens() {
        return acmeTokens;
    }

    /** The TLS-ALPN-01 answers the HTTPS listener gives a validating CA while an order is under way. */
    public TlsAlpnChallenges tlsAlpnChallenges() {
        return tlsAlpnChallenges;
    }

    /** With {@code https} = {@code auto}: orders and renews certificates in the background (started with HTTPS on). */
    public AutomaticCertificates automaticCertificates() {
        return automaticCertificates;
    }

    /** Backups made on the schedule of the {@code backup_*} settings, and how the last one went. */
    public ScheduledBackups scheduledBackups() {
        return scheduledBackups;
    }

    /** The backups linked peers sent here, kept in files beside data.db. */
    public PeerBackups peerBackups() {
        return peerBackups;
    }

    public InstanceLock lock() {
        return lock;
    }

    /** The base domain decided at start, then {@code localhost} (decided once: every request's routing reads it). */
    public List<String> baseDomains() {
        return baseDomains;
    }

    public Domains.Decision domainDecision() {
        return domain;
    }

    public Health health() {
        Runtime rt = Runtime.getRuntime();
        boolean ok = db.healthy();
        return new Health(ok ? "ok" : "degraded", Version.get(), (System.currentTimeMillis() - startedAt) / 1000,
                dataFile.toString(), baseDomains(), functions.engineMode(),
                new Health.Memory(rt.totalMemory() - rt.freeMemory(), rt.maxMemory(), ResidentMemory.bytes()),
                ok ? apps.list().size() : 0, ok ? certificates.summary(config.get("https").trim()) : null, scheduledBackups.status());
    }

    /** Settings with their effective values. */
    public Map<String, String> settings() {
        return new TreeMap<>(config.effective());
    }

    @Override
    public void close() {
        try {
            maintenance.shutdownNow();
            realtime.close();
            scheduledBackups.close();
            automaticCertificates.close(); // an order under way writes its outcome, so before the database closes
            schedules.close(); // runs under way record their outcome and need the functions
            functions.close();
            outboundFetch.close();
            logRetention.close();
            functionLogs.close();
            analytics.close(); // stores the events still buffered, so it must come before the database closes
            db.close();
        } finally {
            lock.close();
        }
        log.info("closed {}", dataFile);
    }
}
