package fazt.core.db;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes rows older than a retention setting (function logs: {@code logs_retention_days};
 * raw analytics events: {@code analytics_raw_days}, together with the daily counts' own setting) on a schedule, on a daemon thread so that a
 * big purge never delays start or requests. The setting is read at every run, so a change applies
 * from the next one; a retention under one day counts as one day.
 */
public final class Retention implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final long DAY_MILLIS = TimeUnit.DAYS.toMillis(1);

    private final String what;
    private final String setting;
    private final IntSupplier days;
    private final LongToIntFunction purgeOlderThan;
    private final ScheduledExecutorService timer;

    /** {@code purgeOlderThan} deletes what is older than the given epoch millis and says how many rows went. */
    public Retention(String what, String setting, IntSupplier days, LongToIntFunction purgeOlderThan) {
        this.what = what;
        this.setting = setting;
        this.days = days;
        this.purgeOlderThan = purgeOlderThan;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("fazt-retention-" + setting).daemon(true).factory());
    }

    public void start(Duration firstAfter, Duration every) {
        timer.scheduleWithFixedDelay(this::runQuietly, firstAfter.toSeconds(), every.toSeconds(), TimeUnit.SECONDS);
    }

    /** Purges now and says how many rows went. */
    public int run() {
        int keep = days.getAsInt();
        if (keep < 1) {
            log.warn("{} is {}; it must be at least 1, so {} are kept 1 day", setting, keep, what);
            keep = 1;
        }
        int n = purgeOlderThan.applyAsInt(System.currentTimeMillis() - keep * DAY_MILLIS);
        if (n > 0) log.info("deleted {} {} older than {} days", n, what, keep);
        return n;
    }

    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            // a failed run must not cancel the next ones (a scheduled task that throws is never run again)
            log.warn("purging old {} failed: {}", what, e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
