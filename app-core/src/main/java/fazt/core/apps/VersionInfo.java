package fazt.core.apps;

/** One deploy of an app. */
public record VersionInfo(int version, long createdAt, int fileCount, long sizeBytes, boolean active) {}
