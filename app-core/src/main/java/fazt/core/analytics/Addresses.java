package fazt.core.analytics;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The stored form of a client address (SPEC §7): IPv4 cut to its /24 ({@code 203.0.113.77} →
 * {@code 203.0.113.0}), IPv6 to its /48 ({@code 2001:db8:1234:5678::1} → {@code 2001:db8:1234::}).
 * That keeps the network (country, provider) and drops the household.
 */
public final class Addresses {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}(%[A-Za-z0-9_.-]+)?");

    private Addresses() {}

    /** The truncated address, or null when {@code address} is not a literal IP address. */
    public static String truncate(String address) {
        byte[] bytes = parse(address);
        if (bytes == null) return null;
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 6; i += 2) {
            if (i > 0) b.append(':');
            b.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
        }
        return b.append("::").toString();
    }

    private static byte[] parse(String address) {
        if (address == null) return null;
        String a = address.trim();
        if (a.startsWith("[") && a.endsWith("]")) a = a.substring(1, a.length() - 1);
        // Literals only: InetAddress.getByName must never turn into a DNS lookup.
        if (!IPV4.matcher(a).matches() && !(a.contains(":") && IPV6.matcher(a).matches())) return null;
        try {
            byte[] bytes = InetAddress.getByName(a).getAddress();
            return bytes.length == 4 || bytes.length == 16 ? bytes : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
