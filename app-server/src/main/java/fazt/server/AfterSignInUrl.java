package fazt.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a browser may be sent after signing in: a path on the site that started the sign-in, or
 * an http(s) URL on one of this instance's domains (a base domain or a subdomain of one, any
 * port). Everything else — other hosts, {@code //host}, {@code javascript:}, backslashes, user
 * info ({@code https://base@evil.com}), control characters — is refused, so a sign-in link can
 * never be used to bounce people to another site.
 */
final class AfterSignInUrl {
    private static final int MAX_LENGTH = 2048;

    private AfterSignInUrl() {}

    /**
     * The absolute URL to go to: {@code redirect} itself when it is one of ours, or resolved
     * against {@code origin} (scheme://host[:port] of the request) when it is a path; empty when
     * refused. No redirect at all means the front page of {@code origin}.
     */
    static Optional<String> check(String redirect, String origin, List<String> baseDomains) {
        if (redirect == null || redirect.isEmpty()) return Optional.of(origin + "/");
        if (redirect.length() > MAX_LENGTH) return Optional.empty();
        for (int i = 0; i < redirect.length(); i++) {
            char c = redirect.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '\\') return Optional.empty();
        }
        if (redirect.startsWith("/")) {
            return redirect.startsWith("//") ? Optional.empty() : Optional.of(origin + redirect);
        }
        URI uri;
        try {
            uri = new URI(redirect);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) return Optional.empty();
        String authority = uri.getRawAuthority();
        if (authority == null || authority.contains("@") || uri.getHost() == null) return Optional.empty();
        return isOurs(uri.getHost(), baseDomains) ? Optional.of(redirect) : Optional.empty();
    }

    static boolean isOurs(String host, List<String> baseDomains) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        for (String base : baseDomains) {
            String b = base.toLowerCase(Locale.ROOT);
            if (h.equals(b) || h.endsWith("." + b)) return true;
        }
        return false;
    }
}
