package fazt.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A range of IP addresses written as {@code 10.0.0.0/8} or {@code fd00::/8}; a plain address is a range of one. */
public record AddressRange(byte[] network, int bits) {

    /** The range {@code text} names, or null when it is not an address or a range of one. Never looks up a name. */
    public static AddressRange parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) return null;
        int slash = t.indexOf('/');
        String host = slash < 0 ? t : t.substring(0, slash);
        if (!isLiteral(host)) return null;
        try {
            byte[] addr = InetAddress.getByName(host).getAddress();
            int bits = slash < 0 ? addr.length * 8 : Integer.parseInt(t.substring(slash + 1));
            if (bits < 0 || bits > addr.length * 8) return null;
            return new AddressRange(addr, bits);
        } catch (UnknownHostException | NumberFormatException e) {
            return null;
        }
    }

    /** Whether {@code text} is an IPv4 or IPv6 literal, so that {@link InetAddress#getByName} never turns into a DNS lookup. */
    public static boolean isLiteral(String text) {
        if (text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            for (String part : text.split("\\.")) {
                if (Integer.parseInt(part) > 255) return false;
            }
            return true;
        }
        return text.contains(":") && text.matches("[0-9a-fA-F:.]{2,45}");
    }

    public boolean contains(InetAddress address) {
        byte[] addr = address.getAddress();
        if (addr.length != network.length) return false;
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((addr[i / 8] & mask) != (network[i / 8] & mask)) return false;
        }
        return true;
    }
}
