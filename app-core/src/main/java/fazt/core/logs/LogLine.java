package fazt.core.logs;

/**
 * One stored line of a function's log (SPEC §4.4). {@code id} grows with every line and is never
 * reused, so a reader can resume after the last id it saw; {@code app} is the app's name when
 * the line was written.
 */
public record LogLine(long id, long time, String app, int version, String level, String message, String requestId) {}
