package fazt.core.logs;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes function log lines older than the retention (setting {@code logs_retention_days},
 * SPEC §13: 7 days), once right after start and then every hour, on a daemon thread so that a
 * big purge never delays start or requests.
 */
public final class LogRetention implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LogRetention.class);
    private static final long DAY_MILLIS = TimeUnit.DAYS.toMillis(1);

    private final FunctionLogs logs;
    private final IntSupplier days;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("fazt-log-retention").daemon(true).factory());

    /** {@code days} is read at every run, so a changed setting applies from the next run. */
    public LogRetention(FunctionLogs logs, IntSupplier days) {
        this.logs = logs;
        this.days = days;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::runQuietly, 0, 1, TimeUnit.HOURS);
    }

    /** Purges now and says how many lines went. A retention under one day counts as one day. */
    public int run() {
        int keep = days.getAsInt();
        if (keep < 1) {
            log.warn("logs_retention_days is {}; it must be at least 1, so logs are kept 1 day", keep);
            keep = 1;
        }
        int n = logs.purgeOlderThan(System.currentTimeMillis() - keep * DAY_MILLIS);
        if (n > 0) log.info("deleted {} function log lines older than {} days", n, keep);
        return n;
    }

    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            // a failed run must not cancel the next ones (a scheduled task that throws is never run again)
            log.warn("purging old function logs failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
