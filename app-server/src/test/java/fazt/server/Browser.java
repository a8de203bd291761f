package fazt.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;

/**
 * Just enough of a browser for sign-in tests: a cookie jar that honours Domain, Path and
 * Max-Age=0, and redirects followed by hand. URLs on the test instance's port go to 127.0.0.1
 * with the URL's host as Host header, so {@code http://app.fazt.test:PORT/} reaches the instance
 * as that host; any other URL (the mock provider) is fetched as it is. Made with a TLS context,
 * {@code https://} URLs on the instance's HTTPS port go to 127.0.0.1 too, naming the URL's host
 * in SNI (see {@link PinnedNameTrust}), over HTTP/1.1 so the Host header is the one sent.
 */
public final class Browser {
    /** A stored cookie; {@code domain} null means host-only. */
    public record Cookie(String name, String value, String host, String domain, String path, boolean secure) {
        boolean sentTo(URI uri) {
            if (secure && !uri.getScheme().equals("https")) return false;
            String h = uri.getHost().toLowerCase(Locale.ROOT);
            boolean hostOk = domain == null ? h.equals(host) : h.equals(domain) || h.endsWith("." + domain);
            String p = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return hostOk && p.startsWith(path);
        }
    }

    private final TestInstance t;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    public final List<Cookie> cookies = new ArrayList<>();
    /** The test CA trusted on the instance's HTTPS port; null: plain HTTP only. */
    private final X509Certificate tls;
    /** One client per SNI name: the JDK's client takes server names from its parameters. */
    private final Map<String, HttpClient> httpsClients = new HashMap<>();

    public Browser(TestInstance t) {
        this(t, null);
    }

    /** A browser that also speaks HTTPS to the instance, trusting {@code ca} there. */
    public Browser(TestInstance t, X509Certificate ca) {
        this.t = t;
        this.tls = ca;
    }

    public HttpResponse<String> get(String url) {
        return send(url, "GET", null, null);
    }

    public HttpResponse<String> post(String url, String contentType, String body) {
        return send(url, "POST", contentType, body);
    }

    /** Follows redirects until the next URL starts with {@code prefix}, and returns that URL unvisited. */
    public String followUntil(String url, String prefix) {
        String next = url;
        for (int i = 0; i < 10; i++) {
            if (next.startsWith(prefix)) return next;
            HttpResponse<String> r = get(next);
            if (r.statusCode() / 100 != 3) throw new AssertionError("no redirect at " + next + ": " + r.statusCode() + " " + r.body());
            next = URI.create(next).resolve(location(r)).toString();
        }
        throw new AssertionError("never reached " + prefix);
    }

    public static String location(HttpResponse<?> r) {
        return r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location in " + r.statusCode()));
    }

    /** Whether the stored cookie {@code name} came with the Secure attribute. */
    public boolean isSecure(String name) {
        return cookies.stream().anyMatch(c -> c.name().equals(name) && c.secure());
    }

    public Optional<String> cookie(String name) {
        return cookies.stream().filter(c -> c.name().equals(name)).map(Cookie::value).findFirst();
    }

    public void setCookie(String name, String value, String domain, String path) {
        cookies.removeIf(c -> c.name().equals(name));
        cookies.add(new Cookie(name, value, domain, domain, path, false));
    }

    public HttpResponse<String> send(String url, String method, String contentType, String body) {
        URI uri = URI.create(url);
        boolean secure = tls != null && uri.getScheme().equals("https") && uri.getPort() == t.server.httpsPort();
        boolean ours = secure || uri.getPort() == t.port();
        URI target = ours ? URI.create((secure ? "https" : "http") + "://127.0.0.1:" + uri.getPort() + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())) : uri;
        HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (ours) b.header("Host", uri.getHost() + ":" + uri.getPort());
        if (contentType != null) b.header("Content-Type", contentType);
        // as browsers do: a POST says which page (origin) sent it
        if (!method.equals("GET")) b.header("Origin", uri.getScheme() + "://" + uri.getRawAuthority());
        List<String> jar = cookies.stream().filter(c -> c.sentTo(uri)).map(c -> c.name() + "=" + c.value()).toList();
        if (!jar.isEmpty()) b.header("Cookie", String.join("; ", jar));
        try {
            HttpClient client = secure ? httpsClient(uri.getHost()) : http;
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            r.headers().allValues("Set-Cookie").forEach(v -> store(uri, v));
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpClient httpsClient(String serverName) {
        return httpsClients.computeIfAbsent(serverName, name -> {
            SSLParameters parameters = new SSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(name)));
            return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).sslContext(PinnedNameTrust.context(tls, name))
                    .sslParameters(parameters).build();
        });
    }

    private void store(URI uri, String header) {
        String[] parts = header.split(";");
        int eq = parts[0].indexOf('=');
        String name = parts[0].substring(0, eq).trim();
        String value = parts[0].substring(eq + 1).trim();
        String domain = null;
        String path = "/";
        boolean expired = false;
        boolean secureOnly = false;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            String lower = p.toLowerCase(Locale.ROOT);
            if (lower.startsWith("domain=")) domain = p.substring(7).replaceFirst("^\\.", "").toLowerCase(Locale.ROOT);
            if (lower.startsWith("path=")) path = p.substring(5);
            if (lower.equals("max-age=0")) expired = true;
            if (lower.equals("secure")) secureOnly = true;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String d = domain;
        cookies.removeIf(c -> c.name().equals(name) && java.util.Objects.equals(c.domain(), d)
                && (d != null || c.host().equals(host)));
        if (!expired) cookies.add(new Cookie(name, value, host, domain, path, secureOnly));
    }
}
