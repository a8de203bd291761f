package fazt.core.backup;

import fazt.core.Config;
import fazt.core.FaztException;
import fazt.core.db.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backups made while serving, on the schedule of the settings {@code backup_dir},
 * {@code backup_every} and {@code backup_keep}: a consistent copy of data.db
 * ({@link Database#backupTo}, SQLite's {@code VACUUM INTO} on a read connection, so requests keep
 * being served and written meanwhile) named by its UTC time, the oldest beyond {@code keep}
 * removed, and, with {@code backup_to_peer}, the copy sent to that linked peer. A backup is due
 * {@code every} after the newest in the folder (or after the last failed try), so a restart
 * neither skips nor repeats one. The clock is given, so tests move time instead of waiting.
 */
public final class ScheduledBackups implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScheduledBackups.class);
    private static final Pattern EVERY = Pattern.compile("(\\d{1,6})([mhd])");
    private static final Duration SHORTEST = Duration.ofMinutes(1);
    private static final Duration LONGEST = Duration.ofDays(366);

    /** Sends a copy to a linked peer, which keeps {@code keep} of them. */
    @FunctionalInterface
    public interface PeerSender {
        void send(String peer, Path copy, int keep);
    }

    private final Database db;
    private final Config config;
    private final PeerSender toPeer;
    private final Clock clock;
    private volatile ScheduledExecutorService timer;
    private volatile BackupStatus.Run last;
    private final List<Consumer<BackupStatus.Run>> listeners = new CopyOnWriteArrayList<>();
    private volatile Instant lastTry;

    public ScheduledBackups(Database db, Config config, PeerSender toPeer, Clock clock) {
        this.db = db;
        this.config = config;
        this.toPeer = toPeer;
        this.clock = clock;
    }

    /**
     * How often {@code backup_every} asks for: {@code 30m}, {@code 6h}, {@code 1d}; empty for
     * {@code off} or {@code 0}. Throws INVALID naming the setting for anything else.
     */
    public static Optional<Duration> every(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.isEmpty() || v.equals("off") || v.equals("0")) return Optional.empty();
        Matcher m = EVERY.matcher(v);
        if (!m.matches()) {
            throw FaztException.invalid("setting backup_every is a duration like 30m, 6h or 1d (or off), not '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.compareTo(SHORTEST) < 0 || d.compareTo(LONGEST) > 0) {
            throw FaztException.invalid("setting backup_every must be from 1m to 366d (or off), not '" + value + "'");
        }
        return Optional.of(d);
    }

    /** {@code listener} hears how each run went, on the thread that made it (the desktop's status bar). */
    public void onRun(Consumer<BackupStatus.Run> listener) {
        listeners.add(listener);
    }

    /** Looks once a minute whether a backup is due. */
    public synchronized void start() {
        if (timer != null) return;
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("fazt-backups").unstarted(r));
        timer.scheduleWithFixedDelay(this::runIfDueQuietly, 20, 60, TimeUnit.SECONDS);
    }

    private void runIfDueQuietly() {
        try {
            runIfDue();
        } catch (RuntimeException e) {
            log.warn("scheduled backup check failed: {}", e.getMessage());
        }
    }

    /** Makes a backup when one is due (the settings ask for them and the newest is {@code every} old); returns it, if made. */
    public synchronized Optional<BackupStatus.Run> runIfDue() {
        Optional<Duration> every = every(config.get("backup_every"));
        String dir = config.get("backup_dir").trim();
        if (every.isEmpty() || dir.isEmpty()) return Optional.empty();
        Instant now = clock.instant();
        Optional<Instant> next = nextAt(new BackupFolder(Path.of(dir)), every.get());
        if (next.isPresent() && now.isBefore(next.get())) return Optional.empty();
        return Optional.of(run(now));
    }

    private Optional<Instant> nextAt(BackupFolder folder, Duration every) {
        Instant newest = lastTry;
        try {
            Optional<Instant> inFolder = folder.newest();
            if (inFolder.isPresent() && (newest == null || inFolder.get().isAfter(newest))) newest = inFolder.get();
        } catch (IOException e) {
            // an unreadable folder: the run says so
        }
        return Optional.ofNullable(newest).map(n -> n.plus(every));
    }

    /** Makes a backup now into {@code backup_dir}, prunes, and sends it to the peer if one is set; the outcome is also {@link #status}. */
    private BackupStatus.Run run(Instant now) {
        lastTry = now;
        BackupFolder folder = new BackupFolder(Path.of(config.get("backup_dir").trim()));
        int keep = config.getInt("backup_keep");
        Path file = null;
        long bytes = 0;
        String error = null;
        try {
            file = folder.add(now, db::backupTo);
            bytes = Files.size(file);
            List<Path> pruned = folder.prune(keep);
            log.info("scheduled backup written to {} ({} bytes){}", file, bytes, pruned.isEmpty() ? "" : "; removed " + pruned.size() + " older");
        } catch (IOException | RuntimeException e) {
            error = "cannot write a backup to " + folder.dir() + ": " + message(e);
            log.warn("scheduled backup failed: {}", error);
        }
        String peer = config.get("backup_to_peer").trim();
        if (file != null && !peer.isEmpty()) {
            try {
                toPeer.send(peer, file, keep);
                log.info("scheduled backup {} sent to peer {}", file.getFileName(), peer);
            } catch (RuntimeException e) {
                error = "the backup is in " + file + ", but sending it to peer " + peer + " failed: " + message(e);
                log.warn("scheduled backup: {}", error);
            }
        }
        BackupStatus.Run run = new BackupStatus.Run(now.toEpochMilli(), file == null ? null : file.toString(), bytes, error);
        last = run;
        for (Consumer<BackupStatus.Run> listener : listeners) listener.accept(run);
        return run;
    }

    private static String message(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException a) return "permission denied (" + a.getFile() + ")";
        if (e instanceof java.nio.file.NoSuchFileException n) return "no such file or folder (" + n.getFile() + ")";
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** The settings in force, the last run of this process, and when the next is due. */
    public BackupStatus status() {
        String everyText = config.get("backup_every").trim();
        Optional<Duration> every;
        try {
            every = every(everyText);
        } catch (FaztException e) {
            every = Optional.empty(); // a value set through FAZT_BACKUP_EVERY that is not a duration
        }
        String dir = config.get("backup_dir").trim();
        boolean on = every.isPresent() && !dir.isEmpty();
        Long next = null;
        // not synchronized: health (and so the dashboard) must answer while a long backup runs
        if (on) next = nextAt(new BackupFolder(Path.of(dir)), every.get()).orElse(clock.instant()).toEpochMilli();
        String peer = config.get("backup_to_peer").trim();
        return new BackupStatus(on ? everyText : "off", dir.isEmpty() ? null : dir, config.getInt("backup_keep"),
                peer.isEmpty() ? null : peer, last, next);
    }

    @Override
    public void close() {
        ScheduledExecutorService t = timer; // not waiting for a backup under way: shutting down interrupts it
        if (t != null) t.shutdownNow();
    }
}
