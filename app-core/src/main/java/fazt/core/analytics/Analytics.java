package fazt.core.analytics;

import fazt.core.db.Database;
import fazt.core.db.Retention;
import java.time.Duration;
import java.time.Clock;
import java.util.function.IntSupplier;

/** Analytics of SPEC §7 as one part of the engine: events in, stats out, short links, retention. */
public final class Analytics implements AutoCloseable {
    private final Events events;
    private final Stats stats;
    private final ShortLinks shortLinks;
    private final Retention retention;

    /** {@code retentionDays} is read at each daily purge. */
    public Analytics(Database db, IntSupplier retentionDays) {
        this.events = new Events(db);
        this.stats = new Stats(db, events, Clock.systemUTC());
        this.shortLinks = new ShortLinks(db);
        this.retention = new Retention("analytics events", "analytics_retention_days", retentionDays, events::purgeOlderThan);
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
