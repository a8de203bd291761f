package fazt.core.analytics;

import fazt.core.db.Database;
import fazt.core.db.Retention;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/** Analytics of SPEC §7 as one part of the engine: events in, stats out, short links, retention. */
public final class Analytics implements AutoCloseable {
    private static final long DAY_MILLIS = TimeUnit.DAYS.toMillis(1);

    private final Events events;
    private final Stats stats;
    private final ShortLinks shortLinks;
    private final Retention retention;

    /**
     * {@code rawDays} (how long raw events are kept) and {@code retentionDays} (how long their daily
     * counts are kept) are read at each daily purge. Each purge gives the space it freed back to
     * the file system, a few pages per write.
     */
    public Analytics(Database db, IntSupplier rawDays, IntSupplier retentionDays) {
        this.events = new Events(db);
        this.stats = new Stats(db, events, Clock.systemUTC());
        this.shortLinks = new ShortLinks(db);
        this.retention = new Retention("raw analytics events", "analytics_raw_days", rawDays, rawCutoff -> {
            long countsCutoff = System.currentTimeMillis() - Math.max(1, retentionDays.getAsInt()) * DAY_MILLIS;
            // raw events never outlive their counts: the shorter of the two settings applies to them
            int n = events.purgeRawOlderThan(Math.max(rawCutoff, countsCutoff));
            events.purgeCountsOlderThan(countsCutoff);
            db.giveBackFreePages();
            return n;
        });
    }

    public void start() {
        retention.start(Duration.ofMinutes(1), Duration.ofDays(1));
    }

    public Events events() {
        return events;
    }

    public Stats stats() {
        return stats;
    }

    public ShortLinks shortLinks() {
        return shortLinks;
    }

    public Retention retention() {
        return retention;
    }

    /** Stores every event and short link click still waiting; call it before the database closes. */
    @Override
    public void close() {
        retention.close();
        events.close();
        shortLinks.close();
    }
}
