package fazt.core.logs;

/** One log line: when, how severe, from where, and (for app logs) which app and request. */
public record LogEntry(long seq, long time, String level, String logger, String message, String app, String requestId) {}
