package fazt.server;

import fazt.core.Fazt;
import fazt.core.apps.Alias;
import fazt.core.apps.AppNames;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides what a Host header asks for (SPEC §3.3, §8, §9): the admin API (on {@code admin.<base>}
 * and bare {@code localhost}), the landing app (on the base domain), an app by alias
 * ({@code <alias>.<base>} or {@code <alias>.localhost}), or nothing. Everything it reads is in
 * memory.
 */
public final class HostRouter {
    /** Where a request goes: the admin host, an app, an alias that redirects, or nowhere. */
    public sealed interface Destination {}

    public record Admin() implements Destination {}

    public record App(String appId) implements Destination {}

    public record AliasRedirect(String url) implements Destination {}

    public record NotFound() implements Destination {}

    private static final Destination ADMIN = new Admin();
    private static final Destination NOT_FOUND = new NotFound();
    private static final int MAX_HOST = 253;
    private static final String ADMIN_LABEL = "admin";

    private final Fazt fazt;

    public HostRouter(Fazt fazt) {
        this.fazt = fazt;
    }

    public Destination route(String hostHeader) {
        String host = hostName(hostHeader);
        if (host == null) return NOT_FOUND;
        if (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")) return ADMIN;
        for (String base : fazt.baseDomains()) {
            if (host.equals(base)) return app(fazt.apps().idForName(AppNames.LANDING));
            // "admin." + base and "." + base without building either string
            if (isSubdomain(host, base)) {
                if (host.length() == base.length() + ADMIN_LABEL.length() + 1 && host.startsWith(ADMIN_LABEL)) return ADMIN;
                String label = host.substring(0, host.length() - base.length() - 1);
                return label.indexOf('.') >= 0 ? NOT_FOUND : alias(label);
            }
        }
        return NOT_FOUND;
    }

    /** Whether {@code host} ends with {@code "." + base}. */
    private static boolean isSubdomain(String host, String base) {
        int dot = host.length() - base.length() - 1;
        return dot >= 0 && host.charAt(dot) == '.' && host.endsWith(base);
    }

    private Destination alias(String label) {
        Optional<Alias> alias = fazt.aliases().get(label);
        if (alias.isEmpty()) return NOT_FOUND;
        return switch (alias.get().type()) {
            case Alias.APP -> new App(alias.get().target());
            case Alias.REDIRECT -> new AliasRedirect(alias.get().target());
            default -> NOT_FOUND;
        };
    }

    private static Destination app(Optional<String> id) {
        return id.<Destination>map(App::new).orElse(NOT_FOUND);
    }

    /** The host part of a Host header, lowercased, without port or trailing dot; null when unusable. */
    static String hostName(String header) {
        if (header == null) return null;
        String h = header.trim().toLowerCase(Locale.ROOT);
        if (h.isEmpty() || h.length() > MAX_HOST + 6) return null;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        if (colon >= 0) h = h.substring(0, colon);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        return h.isEmpty() ? null : h;
    }
}
