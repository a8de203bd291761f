package fazt.server;

import fazt.core.Config;
import fazt.core.net.AddressRange;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Who is asking: the socket peer's address, unless that peer is one of the owner's trusted
 * proxies ({@code trusted_proxies}: addresses or CIDRs, comma-separated), in which case the
 * right-most address of {@code X-Forwarded-For} that is not itself a trusted proxy. A client
 * that talks to fazt directly cannot choose its address by sending the header. The same trust
 * decides whether a request came over HTTPS to a proxy that terminates TLS.
 */
public final class ClientAddress {
    private final Config config;
    private volatile Parsed parsed = new Parsed("", List.of());

    public ClientAddress(Config config) {
        this.config = config;
    }

    private record Parsed(String source, List<AddressRange> ranges) {}

    public String of(Request request) {
        String peer = peerAddress(request.getConnectionMetaData().getRemoteSocketAddress());
        List<AddressRange> trusted = trusted();
        if (trusted.isEmpty() || !matches(trusted, peer)) return peer;
        List<String> hops = new ArrayList<>();
        for (String header : request.getHeaders().getValuesList("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) hops.add(hop.trim());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!AddressRange.isLiteral(hop)) return peer;
            if (!matches(trusted, hop)) return hop;
        }
        return peer;
    }

    /** HTTPS to us, or to a trusted proxy that says so in {@code X-Forwarded-Proto} or {@code Forwarded}. */
    public boolean secure(Request request) {
        return request.isSecure() || (fromTrustedProxy(request) && saysHttps(request));
    }

    /** Whether a forwarding header claims HTTPS, believed or not. */
    static boolean saysHttps(Request request) {
        for (String v : request.getHeaders().getValuesList("X-Forwarded-Proto")) {
            if (v.toLowerCase(Locale.ROOT).contains("https")) return true;
        }
        for (String v : request.getHeaders().getValuesList(HttpHeader.FORWARDED)) {
            if (v.toLowerCase(Locale.ROOT).replace(" ", "").contains("proto=https")) return true;
        }
        return false;
    }

    /** Whether the socket peer is one of the owner's trusted proxies, whose forwarding headers are believed. */
    public boolean fromTrustedProxy(Request request) {
        List<AddressRange> trusted = trusted();
        return !trusted.isEmpty() && matches(trusted, peerAddress(request.getConnectionMetaData().getRemoteSocketAddress()));
    }

    /** Whether {@code address} is one of the owner's trusted proxies (for limits that would otherwise count all their clients as one). */
    public boolean isTrustedProxy(InetAddress address) {
        List<AddressRange> trusted = trusted();
        for (AddressRange r : trusted) {
            if (r.contains(address)) return true;
        }
        return false;
    }

    private List<AddressRange> trusted() {
        String source = config.get("trusted_proxies");
        Parsed p = parsed;
        if (!p.source().equals(source)) {
            List<AddressRange> ranges = new ArrayList<>();
            for (String item : source.split(",")) {
                AddressRange r = AddressRange.parse(item);
                if (r != null) ranges.add(r);
            }
            p = new Parsed(source, List.copyOf(ranges));
            parsed = p;
        }
        return p.ranges();
    }

    private static boolean matches(List<AddressRange> ranges, String address) {
        // literal addresses only: InetAddress.getByName must never turn into a DNS lookup
        if (!AddressRange.isLiteral(address)) return false;
        InetAddress a;
        try {
            a = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            return false;
        }
        for (AddressRange r : ranges) {
            if (r.contains(a)) return true;
        }
        return false;
    }

    static String peerAddress(SocketAddress socket) {
        if (socket instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return "unknown";
    }
}
