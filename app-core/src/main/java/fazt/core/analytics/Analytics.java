package fazt.core.analytics;

import fazt.core.db.Database;
import java.time.Clock;
import java.util.function.IntSupplier;

/** Analytics of SPEC §7 as one part of the engine: events in, stats out, short links, retention. */
public final class Analytics implements AutoCloseable {
    private final Events events;
    private final Stats stats;
    private final Redirects redirects;
    private final EventRetention retention;

    /** {@code retentionDays} is read at each daily purge. */
    public Analytics(Database db, IntSupplier retentionDays) {
        this.events = new Events(db);
        this.stats = new Stats(db, events, Clock.systemUTC());
        this.redirects = new Redirects(db);
        this.retention = new EventRetention(events, retentionDays);
    }

    public void start() {
        retention.start();
    }

    public Events events() {
        return events;
    }

    public Stats stats() {
        return stats;
    }

    public Redirects redirects() {
        return redirects;
    }

    public EventRetention retention() {
        return retention;
    }

    /** Stores every event still waiting; call it before the database closes. */
    @Override
    public void close() {
        retention.close();
        events.close();
    }
}
