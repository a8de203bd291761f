package fazt.core.tls;

import fazt.core.Config;
import fazt.core.acme.AccountKeys;
import fazt.core.acme.AcmeOrderFailed;
import fazt.core.acme.AcmeSettings;
import fazt.core.acme.CertificateOrderer;
import fazt.core.acme.Http01Tokens;
import fazt.core.acme.IssuedCertificate;
import fazt.core.acme.RenewalPolicy;
import fazt.core.acme.TlsAlpnChallenges;
import fazt.core.apps.Alias;
import fazt.core.changes.Change;
import fazt.core.changes.ChangeFeed;
import fazt.core.changes.ChangeKind;
import fazt.core.changes.Changes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code https auto}: orders a certificate for every name this instance serves and renews it, in
 * the background, one order at a time. The names ({@link #mayOrder}) are the base domain,
 * {@code admin.<domain>}, {@code <app>.<domain>} for each app and {@code <label>.<domain>} for each
 * app or redirect alias; a name merely pointed at the box is never ordered. A name an imported
 * (manual) certificate covers is left alone.
 *
 * <p>It looks at start, when the earliest renewal or retry is due (at most {@link #CHECK_EVERY}
 * apart), and when the change hub tells of a deploy, an alias or a settings change. A failed order is marked {@code failed} with the CA's words and tried
 * again per {@link RenewalPolicy#nextAttempt}; a certificate is renewed when
 * {@link RenewalPolicy#renewAt} says so. Failures never stop serving: HTTP goes on, and a name keeps
 * the certificate it had.
 */
public final class AutomaticCertificates implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AutomaticCertificates.class);
    /** The longest time between two looks; a renewal or retry due sooner is looked at when due. */
    public static final Duration CHECK_EVERY = Duration.ofMinutes(10);
    /** The shortest time between two scheduled looks (changes still trigger one at once). */
    static final Duration SHORTEST_WAIT = Duration.ofSeconds(1);
    /** How long the CA's renewal window (ARI) for a certificate is trusted before it is asked again. */
    static final Duration ASK_WINDOW_AGAIN = Duration.ofHours(6);

    private final Certificates certificates;
    private final Config config;
    private final Supplier<String> baseDomain;
    private final Supplier<List<String>> appNames;
    private final Supplier<List<Alias>> aliases;
    private final Changes changes;
    private final Http01Tokens tokens;
    private final TlsAlpnChallenges alpnAnswers;
    private final Clock clock;
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("fazt-acme").factory());
    private final AtomicBoolean lookQueued = new AtomicBoolean();
    /** Per name: failures in a row and when the next order may be tried. */
    private final Map<String, Retry> retries = new ConcurrentHashMap<>();
    /** Per serial of an ordered certificate: when to renew it, and when that was decided. */
    private final Map<String, RenewalPlan> renewAt = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> nextLook;
    private volatile ChangeFeed feed;
    private volatile Thread follower;
    private CertificateOrderer orderer;
    private AcmeSettings ordererSettings;

    private record Retry(int failures, Instant next) {}

    /** When to renew one certificate; {@code decidedAt} tells when to ask the CA's window again. */
    private record RenewalPlan(Instant at, Instant decidedAt) {}

    public AutomaticCertificates(Certificates certificates, Config config, Supplier<String> baseDomain,
            Supplier<List<String>> appNames, Supplier<List<Alias>> aliases, Changes changes, Http01Tokens tokens, TlsAlpnChallenges alpnAnswers,
            Clock clock) {
        this.certificates = certificates;
        this.config = config;
        this.baseDomain = baseDomain;
        this.appNames = appNames;
        this.aliases = aliases;
        this.changes = changes;
        this.tokens = tokens;
        this.alpnAnswers = alpnAnswers;
        this.clock = clock;
    }

    /**
     * Starts looking: now, when a renewal or retry is due, and on deploys, aliases and settings
     * changes. Started whenever HTTPS is served; a look orders only while {@code https} is
     * {@code auto}, so switching between {@code manual} and {@code auto} applies without a restart.
     */
    public void start() {
        feed = changes.follow(null);
        follower = Thread.ofVirtual().name("fazt-acme-changes").start(this::followChanges);
        worker.execute(this::lookSafely); // each look schedules the next one
        if (config.get("https").trim().equals("auto")) {
            log.info("automatic HTTPS: ordering certificates for {}", String.join(", ", wantedNames()));
        }
    }

    /**
     * Whether fazt may order a certificate for {@code name}: only the names it serves under the
     * base domain (see the class comment). A base domain that is {@code localhost} or an IP address
     * has none: a CA cannot issue for those.
     */
    public boolean mayOrder(String name) {
        if (name == null) return false;
        String host = name.trim().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) host = host.substring(0, host.length() - 1);
        return wantedNames().contains(host);
    }

    /** Every name {@link #mayOrder} allows now, sorted. */
    public Set<String> wantedNames() {
        String base = baseDomain.get().toLowerCase(Locale.ROOT);
        Set<String> names = new TreeSet<>();
        if (!base.contains(".") || base.matches("[0-9.]+") || base.contains(":") || base.endsWith(".localhost")) return names;
        names.add(base);
        names.add("admin." + base);
        for (String app : appNames.get()) names.add(app.toLowerCase(Locale.ROOT) + "." + base);
        for (Alias alias : aliases.get()) {
            if (!Alias.RESERVED.equals(alias.type())) names.add(alias.subdomain().toLowerCase(Locale.ROOT) + "." + base);
        }
        return names;
    }

    /** Looks now (after any look under way) and completes when done: for tests and an impatient owner. */
    public Future<?> checkNow() {
        return worker.submit(this::lookSafely);
    }

    /** Asks for a look soon; several asks before it starts make one look. */
    private void lookSoon() {
        if (lookQueued.compareAndSet(false, true)) {
            worker.execute(() -> {
                lookQueued.set(false);
                lookSafely();
            });
        }
    }

    private void followChanges() {
        ChangeFeed f = feed;
        while (!Thread.currentThread().isInterrupted()) {
            Change change;
            try {
                change = f.poll(60_000);
            } catch (InterruptedException e) {
                return;
            }
            if (change == null) continue;
            String kind = change.kind();
            if (kind.equals(ChangeKind.SETTINGS_CHANGED.id()) && change.subject() != null
                    && (change.subject().contains("acme_") || change.subject().contains("https"))) {
                retries.clear(); // new CA settings: try every failed name again at once
                lookSoon();
            } else if (change.isResync() || kind.equals(ChangeKind.APP_DEPLOYED.id()) || kind.equals(ChangeKind.ALIAS_SET.id())
                    || kind.equals(ChangeKind.ALIASES_SWAPPED.id())) {
                lookSoon();
            }
        }
    }

    private void lookSafely() {
        try {
            look();
        } catch (RuntimeException e) {
            log.warn("automatic HTTPS: looking for certificates to order failed: {}", e.getMessage(), e);
        } finally {
            scheduleNextLook();
        }
    }

    /** Plans the next look for the earliest renewal or retry due, at most {@link #CHECK_EVERY} away. */
    private void scheduleNextLook() {
        if (worker.isShutdown()) return;
        Instant now = clock.instant();
        Instant next = now.plus(CHECK_EVERY);
        try {
            for (Instant due : dueTimes()) if (due.isBefore(next)) next = due;
        } catch (RuntimeException e) {
            log.debug("automatic HTTPS: next look in {} (due times not readable: {})", CHECK_EVERY, e.getMessage());
        }
        Duration wait = Duration.between(now, next);
        if (wait.compareTo(SHORTEST_WAIT) < 0) wait = SHORTEST_WAIT;
        ScheduledFuture<?> previous = nextLook;
        if (previous != null) previous.cancel(false);
        try {
            nextLook = worker.schedule(this::lookSafely, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // close() ran meanwhile: no more looks
        }
    }

    /** For each wanted name: when its failed order may be retried, else when its certificate is due for renewal. */
    private List<Instant> dueTimes() {
        List<Instant> due = new ArrayList<>();
        if (!config.get("https").trim().equals("auto")) return due;
        Map<String, CertificateInfo> ordered = orderedCertificates();
        for (String name : wantedNames()) {
            Retry retry = retries.get(name);
            CertificateInfo info = ordered.get(name);
            if (retry != null) due.add(retry.next());
            else if (info != null && info.serial() != null && renewAt.containsKey(info.serial())) due.add(renewAt.get(info.serial()).at());
        }
        return due;
    }

    private Map<String, CertificateInfo> orderedCertificates() {
        Map<String, CertificateInfo> ordered = new HashMap<>();
        for (CertificateInfo info : certificates.list()) {
            if (info.source().equals(Certificates.ACME)) ordered.put(info.name(), info);
        }
        return ordered;
    }

    /** Orders, one after the other, every wanted name that has no certificate or whose renewal is due. */
    private void look() {
        if (!config.get("https").trim().equals("auto")) return;
        Map<String, CertificateInfo> ordered = orderedCertificates();
        for (String name : wantedNames()) {
            if (Thread.currentThread().isInterrupted()) return;
            if (certificates.forServerName(name).filter(c -> c.source().equals(Certificates.MANUAL)).isPresent()) {
                retries.remove(name); // the owner's certificate covers it now
                continue;
            }
            CertificateInfo info = ordered.get(name);
            boolean has = info != null && info.notAfter() > 0 && info.serial() != null;
            if (has && !renewalDue(info)) continue;
            Retry retry = retries.get(name);
            if (retry != null && clock.instant().isBefore(retry.next())) continue;
            order(name, has);
        }
    }

    /**
     * Whether {@code info} is due for renewal. The moment is decided once per certificate and
     * decided again every {@link #ASK_WINDOW_AGAIN}: from the CA's renewal window (ARI) when it
     * offers one (it may move the window earlier, for a revocation), else at two thirds of the lifetime.
     */
    private boolean renewalDue(CertificateInfo info) {
        Instant now = clock.instant();
        RenewalPlan plan = renewAt.get(info.serial());
        if (plan == null || !now.isBefore(plan.decidedAt().plus(ASK_WINDOW_AGAIN))) {
            Optional<IssuedCertificate.RenewalWindow> window = askWindow(info.name());
            plan = new RenewalPlan(RenewalPolicy.renewAt(Instant.ofEpochMilli(info.notBefore()),
                    Instant.ofEpochMilli(info.notAfter()), window, random), now);
            renewAt.put(info.serial(), plan);
        }
        return RenewalPolicy.isDue(plan.at(), now);
    }

    /** The CA's renewal window for the ordered certificate served for {@code name}; empty when it has none or cannot say now. */
    private Optional<IssuedCertificate.RenewalWindow> askWindow(String name) {
        try {
            return certificates.forServerName(name).filter(c -> c.source().equals(Certificates.ACME) && c.chain().length > 0)
                    .flatMap(c -> orderer().renewalWindow(c.chain()[0]));
        } catch (RuntimeException e) {
            log.debug("automatic HTTPS: no renewal window for {}: {}", name, e.getMessage());
            return Optional.empty();
        }
    }

    private void order(String name, boolean renewal) {
        certificates.markPending(name);
        try {
            IssuedCertificate issued = orderer().order(List.of(name));
            CertificateInfo stored = certificates.store(name, issued.chainPem(), issued.keyPem());
            renewAt.put(stored.serial(), new RenewalPlan(RenewalPolicy.renewAt(issued, random), clock.instant()));
            retries.remove(name);
            log.info("automatic HTTPS: {} certificate for {} stored, valid until {}", renewal ? "renewed" : "new", name, issued.notAfter());
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                log.info("automatic HTTPS: the order for {} was stopped", name);
                return;
            }
            int failures = retries.getOrDefault(name, new Retry(0, Instant.EPOCH)).failures() + 1;
            Optional<Instant> caSays = e instanceof AcmeOrderFailed f ? f.retryAfter() : Optional.empty();
            Instant next = RenewalPolicy.nextAttempt(clock.instant(), failures, caSays, random);
            retries.put(name, new Retry(failures, next));
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            certificates.markFailed(name, reason + " (attempt " + failures + "; next at " + next + ")");
        }
    }

    /** The orderer for the settings of this moment: read at each order, so a change applies without a restart. */
    private CertificateOrderer orderer() {
        AcmeSettings settings = settings(config);
        if (orderer == null || !settings.equals(ordererSettings)) {
            orderer = new CertificateOrderer(settings, accountKeys(), tokens, alpnAnswers);
            ordererSettings = settings;
        }
        return orderer;
    }

    /** The ACME settings {@code acme_directory}, {@code acme_email} and {@code acme_ca_file} as {@code config} has them now. */
    public static AcmeSettings settings(Config config) {
        AcmeSettings settings = AcmeSettings.directory(config.get("acme_directory"));
        String email = config.get("acme_email").trim();
        if (!email.isEmpty()) settings = settings.withEmail(email);
        String caFile = config.get("acme_ca_file").trim();
        if (!caFile.isEmpty()) settings = settings.withCaFile(Path.of(caFile));
        return settings;
    }

    private AccountKeys accountKeys() {
        return new AccountKeys() {
            @Override
            public Optional<String> load() {
                return certificates.accountKeyPem();
            }

            @Override
            public void save(String pem) {
                certificates.storeAccountKey(pem);
            }
        };
    }

    /** Stops looking; an order under way is interrupted (the name stays as it was, or pending until the next start). */
    @Override
    public void close() {
        Thread t = follower;
        if (t != null) t.interrupt();
        ChangeFeed f = feed;
        if (f != null) f.close();
        worker.shutdownNow();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) log.warn("automatic HTTPS: an order did not stop within 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
