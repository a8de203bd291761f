package fazt.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Just enough of a browser for sign-in tests: a cookie jar that honours Domain, Path and
 * Max-Age=0, and redirects followed by hand. URLs on the test instance's port go to 127.0.0.1
 * with the URL's host as Host header, so {@code http://app.fazt.test:PORT/} reaches the instance
 * as that host; any other URL (the mock provider) is fetched as it is.
 */
public final class Browser {
    /** A stored cookie; {@code domain} null means host-only. */
    public record Cookie(String name, String value, String host, String domain, String path) {
        boolean sentTo(URI uri) {
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

    public Browser(TestInstance t) {
        this.t = t;
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

    public Optional<String> cookie(String name) {
        return cookies.stream().filter(c -> c.name().equals(name)).map(Cookie::value).findFirst();
    }

    public void setCookie(String name, String value, String domain, String path) {
        cookies.removeIf(c -> c.name().equals(name));
        cookies.add(new Cookie(name, value, domain, domain, path));
    }

    public HttpResponse<String> send(String url, String method, String contentType, String body) {
        URI uri = URI.create(url);
        boolean ours = uri.getPort() == t.port();
        URI target = ours ? URI.create("http://127.0.0.1:" + t.port() + uri.getRawPath()
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
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            r.headers().allValues("Set-Cookie").forEach(v -> store(uri, v));
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void store(URI uri, String header) {
        String[] parts = header.split(";");
        int eq = parts[0].indexOf('=');
        String name = parts[0].substring(0, eq).trim();
        String value = parts[0].substring(eq + 1).trim();
        String domain = null;
        String path = "/";
        boolean expired = false;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            String lower = p.toLowerCase(Locale.ROOT);
            if (lower.startsWith("domain=")) domain = p.substring(7).replaceFirst("^\\.", "").toLowerCase(Locale.ROOT);
            if (lower.startsWith("path=")) path = p.substring(5);
            if (lower.equals("max-age=0")) expired = true;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String d = domain;
        cookies.removeIf(c -> c.name().equals(name) && java.util.Objects.equals(c.domain(), d)
                && (d != null || c.host().equals(host)));
        if (!expired) cookies.add(new Cookie(name, value, host, domain, path));
    }
}
