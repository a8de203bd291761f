package fazt.core.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one rule of where a function's fetch may not connect (SSRF): loopback, private, link-local,
 * shared (CGNAT), multicast, unspecified and reserved addresses, IPv6 forms that carry such an IPv4
 * address, and the cloud metadata services. Checked on the resolved address, never on the name alone.
 */
public final class BlockedAddresses {
    private record Block(AddressRange range, String what) {}

    /** Cloud instance metadata: refused even when the owner allows private networks. */
    private static final List<AddressRange> METADATA = List.of(range("169.254.169.254"), range("fd00:ec2::254"),
            range("100.100.100.200"), range("192.0.0.192"));
    private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata.goog",
            "instance-data.ec2.internal");

    private static final List<Block> BLOCKS = List.of(
            block("0.0.0.0/8", "an unspecified address"),
            block("10.0.0.0/8", "a private address"),
            block("100.64.0.0/10", "a shared (CGNAT) address"),
            block("127.0.0.0/8", "a loopback address"),
            block("169.254.0.0/16", "a link-local address"),
            block("172.16.0.0/12", "a private address"),
            block("192.0.0.0/24", "a reserved address"),
            block("192.168.0.0/16", "a private address"),
            block("198.18.0.0/15", "a reserved address"),
            block("224.0.0.0/4", "a multicast address"),
            block("240.0.0.0/4", "a reserved address"),
            block("::/128", "an unspecified address"),
            block("::1/128", "a loopback address"),
            block("100::/64", "a reserved address"),
            block("fc00::/7", "a private address"),
            block("fe80::/10", "a link-local address"),
            block("fec0::/10", "a private address"),
            block("ff00::/8", "a multicast address"));

    /** IPv6 prefixes whose last 32 bits (or, for 6to4, bits 16–47) are an IPv4 address that is reached through them. */
    private static final AddressRange COMPATIBLE = range("::/96");
    private static final AddressRange NAT64 = range("64:ff9b::/96");
    private static final AddressRange NAT64_LOCAL = range("64:ff9b:1::/48");
    private static final AddressRange SIX_TO_FOUR = range("2002::/16");

    private BlockedAddresses() {}

    private static AddressRange range(String text) {
        AddressRange r = AddressRange.parse(text);
        if (r == null) throw new IllegalArgumentException(text);
        return r;
    }

    private static Block block(String range, String what) {
        return new Block(range(range), what);
    }

    /** Whether {@code host} (a name, lower case) is a cloud metadata service's name. */
    public static boolean isMetadataName(String host) {
        return METADATA_NAMES.contains(host.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code address}, or the IPv4 address it carries, is a cloud metadata service. */
    public static boolean isMetadata(InetAddress address) {
        InetAddress a = embeddedIpv4(address);
        for (AddressRange r : METADATA) {
            if (r.contains(address) || r.contains(a)) return true;
        }
        return false;
    }

    /**
     * Why a fetch must not connect to {@code address} ("a loopback address", "a cloud metadata
     * address", …), or null for an ordinary public address.
     */
    public static String reason(InetAddress address) {
        if (isMetadata(address)) return "a cloud metadata address";
        InetAddress a = embeddedIpv4(address);
        if (a != address) {
            String inner = reason(a);
            if (inner != null) return inner;
        }
        for (Block b : BLOCKS) {
            if (b.range().contains(address)) return b.what();
        }
        if (NAT64_LOCAL.contains(address)) return "a private address";
        return null;
    }

    /** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), or the address itself. */
    static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) return address;
        byte[] b = address.getAddress();
        int from;
        if (isMapped(b) || NAT64.contains(address)) from = 12;
        else if (SIX_TO_FOUR.contains(address)) from = 2;
        else if (COMPATIBLE.contains(address) && !isZeroOrOne(b)) from = 12;
        else return address;
        try {
            return Inet4Address.getByAddress(new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ::ffff:a.b.c.d (Java usually hands these out as IPv4 already; a resolver need not). */
    private static boolean isMapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) return false;
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    private static boolean isZeroOrOne(byte[] b) {
        for (int i = 0; i < 15; i++) {
            if (b[i] != 0) return false;
        }
        return b[15] == 0 || b[15] == 1;
    }
}
