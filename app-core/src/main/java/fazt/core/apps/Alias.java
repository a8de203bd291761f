package fazt.core.apps;

/** A subdomain label: {@code app} (target = app id), {@code redirect} (target = URL) or {@code reserved}. */
public record Alias(String subdomain, String type, String target, long createdAt, long updatedAt) {
    public static final String APP = "app";
    public static final String REDIRECT = "redirect";
    public static final String RESERVED = "reserved";
}
