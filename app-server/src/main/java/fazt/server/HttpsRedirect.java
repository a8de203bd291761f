package fazt.server;

import fazt.core.Fazt;
import fazt.core.acme.Http01Tokens;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Sends plain-HTTP visitors of a name that has a certificate to HTTPS with a permanent redirect
 * (308, which keeps the method and body). Not redirected: {@code /health} (probes and load
 * balancers speak HTTP), {@code /.well-known/acme-challenge/…} (the CA validates over HTTP),
 * {@code localhost}, names without a certificate, and requests that already came over HTTPS
 * (directly, or through a trusted proxy that says so).
 */
final class HttpsRedirect {
    private final Fazt fazt;
    private final ClientAddress client;
    private final IntSupplier httpsPort;

    /** {@code httpsPort} gives 0 while HTTPS is off. */
    HttpsRedirect(Fazt fazt, IntSupplier httpsPort) {
        this.fazt = fazt;
        this.client = new ClientAddress(fazt.config());
        this.httpsPort = httpsPort;
    }

    /** Where to send this request, when it must go to HTTPS. */
    Optional<String> target(Request request, String path) {
        int port = httpsPort.getAsInt();
        if (port <= 0 || path.equals("/health") || path.startsWith(Http01Tokens.PATH_PREFIX) || client.secure(request)) return Optional.empty();
        String host = HostRouter.hostName(request.getHeaders().get(HttpHeader.HOST));
        if (host == null || host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("[")) return Optional.empty();
        if (fazt.certificates().forServerName(host).isEmpty()) return Optional.empty();
        return Optional.of("https://" + host + (port == 443 ? "" : ":" + port) + request.getHttpURI().getPathQuery());
    }
}
