package fazt.core.analytics;

/** A short link: {@code /r/{slug}} sends visitors to {@code destination}; {@code clicks} counts how many went. */
public record ShortLink(String slug, String destination, long clicks, long createdAt) {}
