package fazt.core.schedules;

import fazt.core.FaztException;
import fazt.core.Ids;
import fazt.core.Json;
import fazt.core.apps.VersionIndex;
import fazt.core.db.Database;
import fazt.core.js.FunctionResponse;
import fazt.core.logs.FunctionLogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs apps' scheduled functions (the {@code schedules} of {@code manifest.json}). Jobs come from
 * the active version's manifest and are read again whenever the app's activation changes, so a
 * deploy or a rollback swaps an app's whole set at once, and a run always calls the version whose
 * manifest declared it. A job runs at most once at a time: a tick that comes while it runs is
 * skipped and logged. Ticks missed while fazt was stopped or the machine slept (found through
 * {@code schedule_state.handled_until}, which survives restarts) give one run, not one per
 * missed tick, unless the job says {@code "catchUp": false}. Every run and skip is written to the
 * app's log. Time comes from the given {@link Clock}, so tests move it by hand and call {@link #runDue()}.
 */
public final class Schedules implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Schedules.class);
    /** A tick found due later than this after its time counts as missed (fazt was stopped or the machine slept). */
    static final Duration GRACE = Duration.ofMinutes(1);
    /** The header a scheduled call carries; its value says what started the run. An incoming request never keeps it. */
    public static final String HEADER = "x-fazt-scheduled";

    /** Calls an app's function for a job: {@code POST path} on {@code index}, marked as scheduled. */
    public interface ScheduledCall {
        FunctionResponse call(VersionIndex index, String path, String trigger, String requestId);
    }

    private final ScheduleState state;
    private final Function<String, Optional<VersionIndex>> activeIndex;
    private final Supplier<List<String>> appsWithSchedules;
    private final FunctionLogs logs;
    private final ScheduledCall caller;
    private final Clock clock;
    private final Map<String, AppJobs> loaded = new ConcurrentHashMap<>();
    private final Set<String> activated = ConcurrentHashMap.newKeySet();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Object idle = new Object();
    private final ExecutorService runs = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fazt-schedule-run").factory());
    private ScheduledExecutorService ticker;

    /** The jobs of one activation of an app, with the version that declared them. */
    private record AppJobs(VersionIndex index, Map<String, Job> jobs) {}

    /** A job and its next tick (null: it never fires again). */
    private static final class Job {
        final Schedule schedule;
        volatile Instant due;

        Job(Schedule schedule, Instant due) {
            this.schedule = schedule;
            this.due = due;
        }
    }

    public Schedules(Database db, Function<String, Optional<VersionIndex>> activeIndex, Supplier<List<String>> appsWithSchedules,
            FunctionLogs logs, ScheduledCall caller, Clock clock) {
        this.state = new ScheduleState(db);
        this.activeIndex = activeIndex;
        this.appsWithSchedules = appsWithSchedules;
        this.logs = logs;
        this.caller = caller;
        this.clock = clock;
    }

    /**
     * Loads the jobs of every app from data.db and checks for due ticks every second from now
     * on. Only a serving instance starts this (a CLI command on data.db never runs jobs). Calling
     * it again does nothing.
     */
    public synchronized void start() {
        if (ticker != null) return;
        for (String appId : appsWithSchedules.get()) activeIndex.apply(appId).ifPresent(this::loadFromRows);
        ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("fazt-schedules").unstarted(r));
        ticker.scheduleWithFixedDelay(() -> {
            try {
                runDue();
            } catch (RuntimeException e) {
                log.warn("checking scheduled jobs failed: {}", e.toString());
            }
        }, 0, 1, TimeUnit.SECONDS);
    }

    /** After a deploy or a rollback of the app: its jobs are read again at the next check. */
    public void activated(String appId) {
        activated.add(appId);
    }

    /** After the app was deleted: its jobs go, and so do their rows. */
    public void deleted(String appId) {
        activated.remove(appId);
        loaded.remove(appId);
        state.deleteApp(appId);
    }

    /**
     * The jobs {@code index}'s manifest declares. A deploy checked them, but a version deployed
     * before fazt knew schedules may hold a field of that name that is no list of jobs: that
     * version has none, and one app's old manifest never stops the others' jobs.
     */
    private static List<Schedule> declared(VersionIndex index) {
        try {
            return ScheduleManifest.read(index.manifest());
        } catch (FaztException e) {
            log.warn("{} version {} has no usable schedules: {}", index.appName(), index.version(), e.getMessage());
            return List.of();
        }
    }

    /** At start: each job continues from the ticks data.db says were dealt with, so missed ones are found. */
    private void loadFromRows(VersionIndex index) {
        List<Schedule> declared = declared(index);
        if (declared.isEmpty()) return;
        Map<String, ScheduleState.Row> rows = state.rows(index.appId());
        Instant now = clock.instant();
        Map<String, Job> jobs = new HashMap<>();
        for (Schedule s : declared) {
            ScheduleState.Row row = rows.get(s.path());
            // a clock set back since (by hand, or a bad RTC) must not hold the job until it catches up
            Instant from = row == null ? now : Instant.ofEpochMilli(Math.min(row.handledUntil(), now.toEpochMilli()));
            if (row == null) state.handled(index.appId(), s.path(), now.toEpochMilli());
            jobs.put(s.path(), new Job(s, s.next(from).orElse(null)));
        }
        state.keepOnly(index.appId(), jobs.keySet());
        loaded.put(index.appId(), new AppJobs(index, jobs));
    }

    /**
     * The app's jobs after its active version changed: a job that ticks as before keeps its next
     * tick; a new or changed one counts from now (ticks before it existed are not missed ones).
     */
    private AppJobs swap(VersionIndex index, AppJobs before) {
        List<Schedule> declared = declared(index);
        Instant now = clock.instant();
        Map<String, Job> jobs = new HashMap<>();
        for (Schedule s : declared) {
            Job old = before == null ? null : before.jobs().get(s.path());
            if (old != null && old.schedule.sameTiming(s)) {
                jobs.put(s.path(), new Job(s, old.due));
            } else {
                state.handled(index.appId(), s.path(), now.toEpochMilli());
                jobs.put(s.path(), new Job(s, s.next(now).orElse(null)));
            }
        }
        state.keepOnly(index.appId(), jobs.keySet());
        if (jobs.isEmpty()) {
            loaded.remove(index.appId());
            return null;
        }
        AppJobs swapped = new AppJobs(index, jobs);
        loaded.put(index.appId(), swapped);
        if (before == null || !before.jobs().keySet().equals(jobs.keySet())) {
            log.info("{} version {}: {} scheduled job(s)", index.appName(), index.version(), jobs.size());
        }
        return swapped;
    }

    /**
     * Starts the runs that are due now and returns at once (the runs go on in the background;
     * {@link #awaitIdle} waits for them). The ticker calls this every second; tests call it after
     * moving their clock.
     */
    public synchronized void runDue() {
        for (String appId : List.copyOf(activated)) {
            activated.remove(appId);
            if (!loaded.containsKey(appId)) checked(appId, () -> activeIndex.apply(appId).ifPresent(index -> swap(index, null)));
        }
        Instant now = clock.instant();
        for (String appId : List.copyOf(loaded.keySet())) checked(appId, () -> runDueFor(appId, now));
    }

    /** One app's trouble (a database error, say) is logged and never stops the other apps' jobs. */
    private static void checked(String appId, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("checking the scheduled jobs of app {} failed: {}", appId, e.toString());
        }
    }

    private void runDueFor(String appId, Instant now) {
        AppJobs jobs = loaded.get(appId);
        if (jobs == null) return;
        Optional<VersionIndex> active = activeIndex.apply(appId);
        if (active.isEmpty()) {
            loaded.remove(appId);
            return;
        }
        if (active.get().activation() != jobs.index().activation()) {
            jobs = swap(active.get(), jobs);
            if (jobs == null) return;
        }
        for (Job job : jobs.jobs().values()) consider(jobs.index(), job, now);
    }

    private void consider(VersionIndex index, Job job, Instant now) {
        Instant due = job.due;
        if (due == null || now.isBefore(due)) return;
        Schedule s = job.schedule;
        Optional<Instant> following = s.next(due);
        boolean missed = Duration.between(due, now).compareTo(GRACE) >= 0 || following.map(f -> !f.isAfter(now)).orElse(false);
        job.due = s.next(now).orElse(null);
        state.handled(index.appId(), s.path(), now.toEpochMilli());
        String key = key(index.appId(), s.path());
        if (missed && !s.catchUp()) {
            appLog(index, "info", "schedule " + s.path() + ": the tick of " + due + " was missed (fazt stopped or the machine"
                    + " slept); \"catchUp\" is false, so it waits for the next tick", null);
            return;
        }
        if (!running.add(key)) {
            appLog(index, "warn", "schedule " + s.path() + ": the tick of " + due + " was skipped: the previous run is still going", null);
            return;
        }
        String trigger = missed ? "catch-up" : "tick";
        try {
            runs.execute(() -> {
                try {
                    execute(index, s, trigger);
                } finally {
                    finished(key);
                }
            });
        } catch (RejectedExecutionException e) {
            finished(key); // closing
        }
    }

    /** Runs the job at {@code path} of the app's active version now and waits for it; a conflict when it is already running. */
    public ScheduleRun runNow(String appId, String path) {
        VersionIndex index = activeIndex.apply(appId).orElseThrow(() -> FaztException.notFound("the app has no active version"));
        Schedule s = declared(index).stream().filter(j -> j.path().equals(path)).findFirst()
                .orElseThrow(() -> FaztException.notFound("'" + index.appName() + "' has no scheduled job at " + path
                        + " (see 'fazt app schedules " + index.appName() + "')"));
        String key = key(appId, path);
        if (!running.add(key)) throw FaztException.conflict(path + " of '" + index.appName() + "' is running now; try again when it ends");
        try {
            return execute(index, s, "manual");
        } finally {
            finished(key);
        }
    }

    private ScheduleRun execute(VersionIndex index, Schedule s, String trigger) {
        String requestId = Ids.newId("sched");
        long startedAt = clock.millis();
        long t0 = System.nanoTime();
        FunctionResponse r;
        try {
            r = caller.call(index, s.path(), trigger, requestId);
        } catch (RuntimeException e) {
            log.error("scheduled run of {} {} failed in fazt", index.appName(), s.path(), e);
            r = FunctionResponse.json(500, "{\"error\":\"internal error in fazt\"}");
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String outcome = r.status() < 400 ? "ok" : r.status() == 504 ? "timeout" : "error";
        ScheduleRun run = new ScheduleRun(s.path(), trigger, r.status(), outcome, startedAt, ms, requestId);
        try {
            state.recordRun(index.appId(), s.path(), startedAt, trigger, r.status(), outcome, ms);
        } catch (RuntimeException e) {
            log.warn("recording the run of {} {} failed: {}", index.appName(), s.path(), e.getMessage());
        }
        String why = outcome.equals("ok") ? "" : ": " + errorOf(r);
        appLog(index, outcome.equals("ok") ? "info" : "error", "schedule " + s.path() + " (" + trigger + "): " + outcome + ", "
                + r.status() + " in " + ms + " ms" + why, requestId);
        return run;
    }

    /** The {@code error} field of a JSON error answer, else the start of the body. */
    private static String errorOf(FunctionResponse r) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        try {
            var node = Json.MAPPER.readTree(body);
            if (node != null && node.hasNonNull("error")) return node.get("error").asText();
        } catch (IOException e) {
            // not JSON: the text itself
        }
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }

    private void appLog(VersionIndex index, String level, String message, String requestId) {
        logs.append(index.appId(), index.appName(), index.version(), level, message, requestId);
    }

    private void finished(String key) {
        synchronized (idle) {
            running.remove(key);
            idle.notifyAll();
        }
    }

    private static String key(String appId, String path) {
        return appId + "\n" + path;
    }

    /** The jobs of the app's active version with their next and latest runs. */
    public List<ScheduleInfo> list(String appId) {
        Optional<VersionIndex> index = activeIndex.apply(appId);
        if (index.isEmpty()) return List.of();
        AppJobs jobs = loaded.get(appId);
        boolean current = jobs != null && jobs.index().activation() == index.get().activation();
        Map<String, ScheduleState.Row> rows = state.rows(appId);
        Instant now = clock.instant();
        List<ScheduleInfo> out = new ArrayList<>();
        for (Schedule s : declared(index.get())) {
            Instant next = current && jobs.jobs().containsKey(s.path()) ? jobs.jobs().get(s.path()).due : s.next(now).orElse(null);
            ScheduleState.Row row = rows.get(s.path());
            out.add(new ScheduleInfo(s.path(), s.cron().text(), s.zone().getId(), s.catchUp(), running.contains(key(appId, s.path())),
                    next == null ? null : next.toEpochMilli(), row == null ? null : row.lastRunAt(), row == null ? null : row.lastTrigger(),
                    row == null ? null : row.lastStatus(), row == null ? null : row.lastOutcome(),
                    row == null ? null : row.lastDurationMs()));
        }
        return out;
    }

    /** Waits until no job runs, at most {@code max}; true when none does. */
    public boolean awaitIdle(Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        synchronized (idle) {
            while (!running.isEmpty()) {
                long left = end - System.nanoTime();
                if (left <= 0) return false;
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
        }
        return true;
    }

    /** Stops ticking and waits a little for runs under way (their functions have their own time limit). */
    @Override
    public void close() {
        synchronized (this) {
            if (ticker != null) ticker.shutdownNow();
        }
        runs.shutdown();
        try {
            if (!runs.awaitTermination(10, TimeUnit.SECONDS)) log.warn("scheduled runs still going at close");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
