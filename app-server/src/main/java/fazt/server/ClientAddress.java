package fazt.server;

import fazt.core.Config;
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

    private record Parsed(String source, List<Cidr> cidrs) {}

    public String of(Request request) {
        String peer = peerAddress(request.getConnectionMetaData().getRemoteSocketAddress());
        List<Cidr> trusted = trusted();
        if (trusted.isEmpty() || !matches(trusted, peer)) return peer;
        List<String> hops = new ArrayList<>();
        for (String header : request.getHeaders().getValuesList("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) hops.add(hop.trim());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!isAddress(hop)) return peer;
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
        List<Cidr> trusted = trusted();
        return !trusted.isEmpty() && matches(trusted, peerAddress(request.getConnectionMetaData().getRemoteSocketAddress()));
    }

    private List<Cidr> trusted() {
        String source = config.get("trusted_proxies");
        Parsed p = parsed;
        if (!p.source().equals(source)) {
            List<Cidr> cidrs = new ArrayList<>();
            for (String item : source.split(",")) {
                Cidr c = Cidr.parse(item.trim());
                if (c != null) cidrs.add(c);
            }
            p = new Parsed(source, List.copyOf(cidrs));
            parsed = p;
        }
        return p.cidrs();
    }

    private static boolean matches(List<Cidr> cidrs, String address) {
        for (Cidr c : cidrs) {
            if (c.contains(address)) return true;
        }
        return false;
    }

    static String peerAddress(SocketAddress socket) {
        if (socket instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return "unknown";
    }

    private static boolean isAddress(String text) {
        // Literal addresses only: InetAddress.getByName must never turn into a DNS lookup.
        return text.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (text.contains(":") && text.matches("[0-9a-fA-F:.]{2,45}"));
    }

    /** An address range; a plain address is a range of one. */
    record Cidr(byte[] network, int bits) {
        static Cidr parse(String text) {
            if (text.isEmpty()) return null;
            int slash = text.indexOf('/');
            String host = slash < 0 ? text : text.substring(0, slash);
            if (!isAddress(host)) return null;
            try {
                byte[] addr = InetAddress.getByName(host).getAddress();
                int bits = slash < 0 ? addr.length * 8 : Integer.parseInt(text.substring(slash + 1));
                if (bits < 0 || bits > addr.length * 8) return null;
                return new Cidr(addr, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                return null;
            }
        }

        boolean contains(String address) {
            if (!isAddress(address)) return false;
            byte[] addr;
            try {
                addr = InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                return false;
            }
            if (addr.length != network.length) return false;
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((addr[i / 8] & mask) != (network[i / 8] & mask)) return false;
            }
            return true;
        }
    }
}
