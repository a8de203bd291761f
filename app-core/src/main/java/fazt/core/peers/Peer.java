package fazt.core.peers;

/**
 * A linked peer as listed: never with its token. {@code status} is what the last contact found
 * ({@link #ONLINE}, {@link #OFFLINE}, {@link #UNAUTHORIZED}, {@link #INCOMPATIBLE}), null before
 * the first; {@code lastSeenAt} is the last time it answered us. {@code warning}, only on the
 * answer to linking, says what the person still has to do there (null otherwise).
 */
public record Peer(String name, String url, boolean isDefault, long createdAt, Long lastSeenAt, String version,
        String status, String warning) {
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String INCOMPATIBLE = "incompatible";

    Peer withWarning(String text) {
        return new Peer(name, url, isDefault, createdAt, lastSeenAt, version, status, text);
    }
}
