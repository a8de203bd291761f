package fazt.core.analytics;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes analytics events older than the retention (setting {@code analytics_retention_days},
 * SPEC §7: 400 days), a minute after start and then once a day, on a daemon thread so that a big
 * purge never delays start or requests.
 */
public final class EventRetention implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventRetention.class);
    private static final long DAY_MILLIS = TimeUnit.DAYS.toMillis(1);

    private final Events events;
    private final IntSupplier days;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("fazt-analytics-retention").daemon(true).factory());

    /** {@code days} is read at every run, so a changed setting applies from the next run. */
    public EventRetention(Events events, IntSupplier days) {
        this.events = events;
        this.days = days;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::runQuietly, 1, TimeUnit.DAYS.toMinutes(1), TimeUnit.MINUTES);
    }

    /** Purges now and says how many events went. A retention under one day counts as one day. */
    public int run() {
        int keep = days.getAsInt();
        if (keep < 1) {
            log.warn("analytics_retention_days is {}; it must be at least 1, so events are kept 1 day", keep);
            keep = 1;
        }
        int n = events.purgeOlderThan(System.currentTimeMillis() - keep * DAY_MILLIS);
        if (n > 0) log.info("deleted {} analytics events older than {} days", n, keep);
        return n;
    }

    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            // a failed run must not cancel the next ones (a scheduled task that throws is never run again)
            log.warn("purging old analytics events failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
