package fazt.core.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Decides, for one hop of a fetch, whether the URL may be fetched and which address to connect
 * to: only http and https, the app's allow-list, then every address the name resolves to must
 * pass {@link BlockedAddresses}. The address returned is the one connected to, so a name cannot
 * resolve to something else between the check and the connection (DNS rebinding).
 */
final class FetchGuard {
    /** A checked hop: the URL asked for and the address it was checked against. */
    record Target(URI uri, String host, int port, InetAddress address) {
        boolean https() {
            return uri.getScheme().equalsIgnoreCase("https");
        }

        /** The Host header: the URL's own host, with its port unless it is the scheme's default. */
        String hostHeader() {
            boolean defaultPort = port == (https() ? 443 : 80);
            return uri.getHost() + (defaultPort ? "" : ":" + port);
        }

        /** The same URL with the checked address in place of the host name. */
        URI byAddress() {
            String literal = address.getHostAddress();
            int scope = literal.indexOf('%');
            if (scope >= 0) literal = literal.substring(0, scope);
            if (address instanceof Inet6Address) literal = "[" + literal + "]";
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + literal + ":" + port + path + query);
        }
    }

    /** Name lookups run here so that a slow DNS answer is bounded by the fetch's time, not the resolver's. */
    private static final ExecutorService LOOKUPS = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fazt-fetch-dns").factory());

    private final HostResolver resolver;

    FetchGuard(HostResolver resolver) {
        this.resolver = resolver;
    }

    /** Checks one hop; a name lookup may take {@code timeoutMs} at most, after which {@code timedOut} is the error. */
    Target check(URI uri, FetchAllowList allow, List<AddressRange> allowPrivate, long timeoutMs, String timedOut) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException("fetch refused: only http and https URLs can be fetched, not " + (scheme.isEmpty() ? "a relative URL" : scheme + ":"));
        }
        if (uri.getRawUserInfo() != null) throw new FetchException("fetch refused: user names and passwords in a URL are not sent; use an Authorization header");
        if (uri.getHost() == null || uri.getHost().isEmpty()) throw new FetchException("fetch refused: the URL has no host");
        String host = FetchAllowList.normalize(uri.getHost());
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String list = allow.refusedBy(host);
        if (list != null) throw new FetchException("fetch refused: " + host + " is not in this app's allow-list (" + list + ")");
        if (BlockedAddresses.isMetadataName(host)) throw new FetchException("fetch refused: " + host + " is a cloud metadata service");
        boolean literal = AddressRange.isLiteral(host);
        List<InetAddress> addresses = literal ? List.of(literal(host)) : lookUp(host, timeoutMs, timedOut);
        if (addresses.isEmpty()) throw new FetchException("fetch failed: the host " + host + " was not found");
        for (InetAddress a : addresses) {
            String why = BlockedAddresses.reason(a);
            if (why == null || (!BlockedAddresses.isMetadata(a) && inAny(allowPrivate, a))) continue;
            String shown = a.getHostAddress();
            throw new FetchException("fetch refused: " + (literal ? host + " is " : host + " resolves to " + shown + ", ") + why);
        }
        return new Target(uri, host, port, addresses.get(0));
    }

    private static InetAddress literal(String host) {
        try {
            return InetAddress.getByName(host); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new FetchException("fetch refused: " + host + " is not a valid address");
        }
    }

    private List<InetAddress> lookUp(String host, long timeoutMs, String timedOut) {
        Future<List<InetAddress>> answer = LOOKUPS.submit(() -> resolver.resolve(host));
        try {
            List<InetAddress> addresses = answer.get(timeoutMs, TimeUnit.MILLISECONDS);
            return addresses == null ? List.of() : addresses;
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new FetchException(timedOut);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchException("fetch interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException) throw new FetchException("fetch failed: the host " + host + " was not found");
            throw new FetchException("fetch failed: looking up " + host + " failed (" + e.getCause().getClass().getSimpleName() + ")");
        }
    }

    private static boolean inAny(List<AddressRange> ranges, InetAddress a) {
        InetAddress v4 = BlockedAddresses.embeddedIpv4(a);
        for (AddressRange r : ranges) {
            if (r.contains(a) || r.contains(v4)) return true;
        }
        return false;
    }
}
