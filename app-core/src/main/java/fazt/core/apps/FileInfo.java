package fazt.core.apps;

/** One file of a version: its path, the SHA-256 of its bytes, size and content type. */
public record FileInfo(String path, String hash, long size, String mime) {}
