package fazt.server;

import fazt.core.Fazt;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * How the browser reached this instance: scheme, host and port, from the request itself. HTTPS
 * is a TLS connection, or {@code X-Forwarded-Proto: https} from one of the owner's trusted proxies
 * (from anyone else the header is not believed). The host and port are the Host header's, which a
 * reverse proxy must pass on unchanged.
 *
 * <p>The OAuth callback URL is built from this at the start of each sign-in and stored with its
 * state: {@code <scheme>://<base domain>[:port]/auth/callback/<provider>} when the request came to
 * the base domain or one of its subdomains, so one URL registered with the provider serves every
 * app. On {@code localhost} and bare addresses, where browsers refuse a cookie for the whole
 * domain, the callback stays on the host the sign-in started from, so the session cookie lands
 * where the app can see it.
 */
final class PublicOrigin {
    private final Fazt fazt;
    private final ClientAddress clientAddress;
    private final SessionCookie cookie;

    PublicOrigin(Fazt fazt, SessionCookie cookie) {
        this.fazt = fazt;
        this.clientAddress = new ClientAddress(fazt.config());
        this.cookie = cookie;
    }

    boolean isHttps(Request request) {
        return clientAddress.secure(request);
    }

    /**
     * Whether anything says the browser used HTTPS, believed or not: for turning off what must
     * never run under HTTPS, where a false alarm only turns it off.
     */
    boolean mayBeHttps(Request request) {
        return request.isSecure() || ClientAddress.saysHttps(request);
    }

    /** {@code scheme://host[:port]} of the request; empty when its Host header is unusable. */
    Optional<String> origin(Request request) {
        return hostAndPort(request).map(h -> scheme(request) + "://" + h);
    }

    /** The callback URL the provider sends the browser back to (see the class comment). */
    Optional<String> callbackUri(Request request, String provider) {
        Optional<String> hostPort = hostAndPort(request);
        if (hostPort.isEmpty()) return Optional.empty();
        String header = request.getHeaders().get(HttpHeader.HOST);
        String host = HostRouter.hostName(header);
        String port = portOf(header);
        String callbackHost = cookie.cookieDomain(host).map(base -> base + port).orElse(hostPort.get());
        return Optional.of(scheme(request) + "://" + callbackHost + "/auth/callback/" + provider);
    }

    private String scheme(Request request) {
        return isHttps(request) ? "https" : "http";
    }

    private static Optional<String> hostAndPort(Request request) {
        String header = request.getHeaders().get(HttpHeader.HOST);
        String host = HostRouter.hostName(header);
        if (host == null || !host.matches("[a-z0-9.\\-]+|\\[[0-9a-f:.]+\\]")) return Optional.empty();
        String port = portOf(header);
        if (!port.isEmpty() && !port.matches(":[0-9]{1,5}")) return Optional.empty();
        return Optional.of(host + port);
    }

    /** The {@code :port} part of a Host header, or empty. */
    private static String portOf(String header) {
        String h = header.trim();
        int from = h.startsWith("[") ? h.indexOf(']') + 1 : 0;
        int colon = h.indexOf(':', from);
        return colon < 0 ? "" : h.substring(colon);
    }
}
