package fazt.core.analytics;

/** One bucket of a timeline: its start (UTC, epoch millis) and what it counted. */
public record TimelinePoint(long start, long events, long pageviews, long visitors) {}
