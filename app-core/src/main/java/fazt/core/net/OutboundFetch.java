package fazt.core.net;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Functions' outbound HTTP ({@code fazt.net.fetch}), guarded against SSRF. Every hop — the first
 * request and each of at most {@value #MAX_REDIRECTS} redirects, which are followed here and not by
 * the HTTP client — passes {@link FetchGuard}, and the connection goes to the address that was
 * checked: the URL is rewritten to that IP with the original Host header, and for HTTPS the
 * original name is sent as SNI and the certificate is verified against it. So a name cannot
 * resolve to a public address for the check and to an internal one for the connection.
 * <p>
 * Setting the Host header needs {@code -Djdk.httpclient.allowRestrictedHeaders=host}, which
 * {@link #allowHostHeader()} sets when called before the JVM's first HTTP client (the launchers
 * call it first thing); without it a fetch fails with a message saying so, never unguarded.
 */
public final class OutboundFetch implements AutoCloseable {
    public static final int MAX_REDIRECTS = 5;
    /**
     * Kept of a function's remaining time for it to handle a fetch's failure before its own limit
     * strikes: a tenth of what is left, from 100 ms to 1 s (a busy machine needs more than a few ms).
     */
    private static long marginMs(long leftMs) {
        return Math.max(100, Math.min(1000, leftMs / 10));
    }
    private static final String RESTRICTED = "jdk.httpclient.allowRestrictedHeaders";
    private static final Set<String> SET_BY_FAZT = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "te", "keep-alive", "trailer", "proxy-connection");
    private static final Set<String> CREDENTIALS = Set.of("authorization", "cookie", "proxy-authorization");
    private static final int TLS_CLIENTS = 32;

    /** A header to send; {@code secret} marks one whose value was filled from the app's secrets. */
    public record Header(String name, String value, boolean secret) {}

    /** What a function asked for; {@code timeoutMs} 0 means the owner's default. */
    public record Request(String method, String url, List<Header> headers, byte[] body, long timeoutMs) {}

    /** The final answer, after redirects: {@code host} is the host that gave it. */
    public record Response(int status, Map<String, String> headers, byte[] body, String url, String host, int redirects) {}

    static {
        allowHostHeader();
    }

    private final Supplier<FetchLimits> limits;
    private volatile FetchGuard guard;
    private final HttpClient plain = client(null, null);
    private final Map<String, HttpClient> tlsClients = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, HttpClient> eldest) {
            if (size() <= TLS_CLIENTS) return false;
            eldest.getValue().shutdown(); // requests under way finish
            return true;
        }
    };
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    /** Whom HTTPS trusts: the JDK's default (its CA certificates) when null; tests give their own CA. */
    private volatile X509TrustManager trust;

    public OutboundFetch(Supplier<FetchLimits> limits, HostResolver resolver) {
        this.limits = limits;
        this.guard = new FetchGuard(resolver);
    }

    /** Lets the JDK's HTTP client send the Host header fetch needs; effective only before that client's first use in the JVM. */
    public static void allowHostHeader() {
        String v = System.getProperty(RESTRICTED);
        if (v == null || v.isBlank()) System.setProperty(RESTRICTED, "host");
        else if (!(("," + v.replace(" ", "") + ",").toLowerCase(Locale.ROOT).contains(",host,"))) System.setProperty(RESTRICTED, v + ",host");
    }

    /** Replaces how host names are resolved (tests resolve names without the network). */
    public void resolveNamesWith(HostResolver resolver) {
        guard = new FetchGuard(resolver);
    }

    /** Replaces whom HTTPS fetches trust (tests trust their own CA; production keeps the JDK's default). */
    public void trustWith(X509TrustManager trustManager) {
        List<HttpClient> old;
        synchronized (tlsClients) {
            trust = trustManager;
            old = new ArrayList<>(tlsClients.values());
            tlsClients.clear();
        }
        old.forEach(HttpClient::shutdown);
    }

    /** The settings in force now. */
    public FetchLimits limits() {
        return limits.get();
    }

    /**
     * Fetches for the app {@code appId}, which may reach the hosts {@code allow} permits, within
     * the function's time ({@code deadlineNanos}, on {@link System#nanoTime()}'s clock). Throws
     * {@link FetchException} for a refusal or failure.
     */
    public Response fetch(String appId, FetchAllowList allow, Request request, long deadlineNanos) {
        FetchLimits l = limits.get();
        AtomicInteger count = running.computeIfAbsent(appId, k -> new AtomicInteger());
        if (count.incrementAndGet() > l.concurrencyPerApp()) {
            count.decrementAndGet();
            throw new FetchException("fetch refused: this app already has " + l.concurrencyPerApp()
                    + " fetches running (fetch_concurrency)");
        }
        try {
            return follow(allow, request, deadlineNanos, l);
        } finally {
            count.decrementAndGet();
        }
    }

    private Response follow(FetchAllowList allow, Request request, long deadlineNanos, FetchLimits l) {
        long start = System.nanoTime();
        long asked = request.timeoutMs() > 0 ? request.timeoutMs() : l.timeoutMs();
        long untilDeadline = (deadlineNanos - start) / 1_000_000;
        long left = untilDeadline - marginMs(untilDeadline);
        if (left <= 0) throw new FetchException("fetch refused: the function has no time left for it");
        long budget = Math.min(asked, left);
        String timedOut = "fetch timed out after " + budget + " ms" + (budget < asked ? " (the rest of the function's time limit)" : "");
        long end = start + budget * 1_000_000;

        String method = method(request.method());
        List<Header> headers = checked(request.headers());
        byte[] body = request.body();
        URI current = parse(request.url());
        for (int hop = 0; ; hop++) {
            long beforeCheck = (end - System.nanoTime()) / 1_000_000;
            if (beforeCheck <= 0) throw new FetchException(timedOut);
            FetchGuard.Target target = guard.check(current, allow, l.allowPrivate(), beforeCheck, timedOut);
            long remaining = (end - System.nanoTime()) / 1_000_000;
            if (remaining <= 0) throw new FetchException(timedOut);
            HttpResponse<byte[]> r = send(target, method, headers, body, remaining, l.maxResponseBytes(), timedOut);
            String location = r.headers().firstValue("location").orElse(null);
            if (!isRedirect(r.statusCode()) || location == null) {
                return new Response(r.statusCode(), headersOf(r), r.body(), current.toString(), target.host(), hop);
            }
            if (hop == MAX_REDIRECTS) throw new FetchException("fetch failed: more than " + MAX_REDIRECTS + " redirects");
            URI next;
            try {
                next = current.resolve(new URI(location));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new FetchException("fetch failed: " + target.host() + " redirected to an invalid URL");
            }
            int status = r.statusCode();
            if (status == 303 && !method.equals("HEAD") || (status == 301 || status == 302) && method.equals("POST")) {
                method = "GET";
                body = null;
                headers = headers.stream().filter(h -> !h.name().equalsIgnoreCase("content-type")).toList();
            }
            if (!sameOrigin(current, next)) {
                // credentials meant for one origin are not handed to another
                headers = headers.stream().filter(h -> !h.secret() && !CREDENTIALS.contains(h.name().toLowerCase(Locale.ROOT))).toList();
            }
            current = next;
        }
    }

    private static String method(String asked) {
        String m = asked == null || asked.isBlank() ? "GET" : asked.trim().toUpperCase(Locale.ROOT);
        if (!m.matches("[A-Z]{1,20}") || m.equals("CONNECT") || m.equals("TRACE")) {
            throw new FetchException("fetch: '" + asked + "' is not a method fetch can send");
        }
        return m;
    }

    private static List<Header> checked(List<Header> headers) {
        for (Header h : headers) {
            if (SET_BY_FAZT.contains(h.name().toLowerCase(Locale.ROOT))) {
                throw new FetchException("fetch: the header " + h.name() + " is set by fazt, not by functions");
            }
        }
        return List.copyOf(headers);
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new FetchException("fetch: not a valid URL (" + e.getReason() + ")");
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme() == null ? "" : b.getScheme())
                && FetchAllowList.normalize(a.getHost()).equals(b.getHost() == null ? "" : FetchAllowList.normalize(b.getHost()))
                && a.getPort() == b.getPort();
    }

    private HttpResponse<byte[]> send(FetchGuard.Target target, String method, List<Header> headers, byte[] body, long remainingMs,
            long cap, String timedOut) {
        HttpRequest.Builder b = HttpRequest.newBuilder(target.byAddress()).timeout(Duration.ofMillis(remainingMs));
        try {
            b.header("Host", target.hostHeader());
        } catch (IllegalArgumentException e) {
            throw new FetchException("fetch is unavailable: start Java with -D" + RESTRICTED + "=host (the launcher does)");
        }
        for (Header h : headers) {
            try {
                b.header(h.name(), h.value());
            } catch (IllegalArgumentException e) {
                throw new FetchException("fetch: the header " + (h.name().matches("[!-~]{1,100}") ? h.name() + " " : "")
                        + "has an invalid name or value");
            }
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpClient client = target.https() ? tlsClient(target.host()) : plain;
        CompletableFuture<HttpResponse<byte[]>> f = client.sendAsync(b.build(), info -> new LimitedBody(info, cap, method.equals("HEAD")));
        try {
            return f.get(remainingMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new FetchException(timedOut);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchException("fetch interrupted");
        } catch (ExecutionException e) {
            throw failure(e.getCause(), target.host(), cap, timedOut);
        }
    }

    private static FetchException failure(Throwable cause, String host, long cap, String timedOut) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof LimitedBody.TooLarge) {
                return new FetchException("fetch failed: the response from " + host + " is larger than " + cap
                        + " bytes (fetch_max_response_bytes)");
            }
            if (t instanceof HttpTimeoutException) return new FetchException(timedOut);
            if (t instanceof ConnectException) return new FetchException("fetch failed: could not connect to " + host);
            if (t instanceof SSLException s) return new FetchException("fetch failed: the TLS connection to " + host + " failed (" + s.getMessage() + ")");
        }
        String detail = cause instanceof IOException && cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return new FetchException("fetch failed: " + host + ": " + detail);
    }

    private static Map<String, String> headersOf(HttpResponse<?> r) {
        Map<String, String> out = new LinkedHashMap<>();
        r.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) out.merge(name.toLowerCase(Locale.ROOT), String.join(", ", values), (a, c) -> a + ", " + c);
        });
        return out;
    }

    /**
     * A client that names {@code host} in SNI, while the URL holds the IP: the JDK then checks the
     * certificate against that name (the SNI name comes first in its identity check). Each name gets
     * its own SSLContext, because the JDK resumes TLS sessions by the address connected to: with a
     * shared one, a second name on the same IP would resume the first name's session and its
     * certificate would never be checked.
     */
    private HttpClient tlsClient(String host) {
        synchronized (tlsClients) {
            return tlsClients.computeIfAbsent(host, h -> {
                try {
                    SSLContext context = SSLContext.getInstance("TLS");
                    context.init(null, trust == null ? null : new TrustManager[] {trust}, null);
                    SSLParameters p = context.getDefaultSSLParameters();
                    if (!AddressRange.isLiteral(h)) p.setServerNames(List.of(new SNIHostName(h)));
                    return client(context, p);
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    throw new FetchException("fetch failed: cannot make a TLS connection to " + h);
                }
            });
        }
    }

    private static HttpClient client(SSLContext context, SSLParameters tls) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).proxy(HttpClient.Builder.NO_PROXY);
        if (context != null) b.sslContext(context).sslParameters(tls);
        return b.build();
    }

    @Override
    public void close() {
        plain.shutdownNow();
        List<HttpClient> clients;
        synchronized (tlsClients) {
            clients = new ArrayList<>(tlsClients.values());
            tlsClients.clear();
        }
        clients.forEach(HttpClient::shutdownNow);
    }
}
