package fazt.server.admin;

/**
 * What an endpoint returns to send bytes as they are (a blob, an export), as a download named
 * {@code filename}; {@code lastModified} is epoch ms, or 0 when unknown.
 */
record FileReply(byte[] body, String contentType, String filename, long lastModified) {}
