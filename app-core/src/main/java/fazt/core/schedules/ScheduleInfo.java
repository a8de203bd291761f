package fazt.core.schedules;

/**
 * One job of an app's active version as {@code fazt app schedules} lists it: how it ticks, when
 * it runs next (epoch ms; null when it never will) and how its latest run went (nulls until it ran).
 * {@code lastTrigger} is {@code tick}, {@code catch-up} or {@code manual}; {@code lastOutcome}
 * is {@code ok}, {@code error} or {@code timeout}.
 */
public record ScheduleInfo(String path, String cron, String tz, boolean catchUp, boolean running, Long nextRunAt,
        Long lastRunAt, String lastTrigger, Integer lastStatus, String lastOutcome, Long lastDurationMs) {}
