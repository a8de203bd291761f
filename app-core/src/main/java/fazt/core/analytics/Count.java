package fazt.core.analytics;

/** One row of a breakdown: a path, referrer, event or app ({@code key} its id, {@code name} its name) and how many events it had. */
public record Count(String key, String name, long count) {}
