package fazt.core.apps;

/** A file of the active version, as the static server needs it. */
public record ServedFile(String path, String hash, long size, String mime, boolean hasGzip) {}
