package fazt.core.schedules;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * One job of an app's {@code manifest.json}: call {@code path} (under {@code /api/}) with
 * {@code POST} at every tick of {@code cron} in {@code zone}; {@code catchUp} runs it once after
 * ticks were missed while fazt was stopped or the machine slept.
 */
public record Schedule(String path, CronExpression cron, ZoneId zone, boolean catchUp) {
    /** The first tick strictly after {@code after}; empty when the expression never fires. */
    public Optional<Instant> next(Instant after) {
        return cron.next(after, zone);
    }

    /** True when {@code other} ticks the same way at the same path (so its run history carries over). */
    boolean sameTiming(Schedule other) {
        return path.equals(other.path) && cron.text().equals(other.cron.text()) && zone.equals(other.zone);
    }
}
