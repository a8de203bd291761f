package fazt.core.schedules;

/**
 * One finished run of a job: what started it ({@code tick}, {@code catch-up} or {@code manual}),
 * the status the function answered, the outcome ({@code ok} below 400, {@code timeout}, or
 * {@code error}), when it started (epoch ms), how long it took, and the request id its log lines carry.
 */
public record ScheduleRun(String path, String trigger, int status, String outcome, long startedAt, long durationMs,
        String requestId) {}
