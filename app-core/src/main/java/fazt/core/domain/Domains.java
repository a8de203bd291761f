package fazt.core.domain;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides the base domain at every start (SPEC §9): a real domain is trusted as stored; a
 * wildcard-DNS name or a bare IP that is not this machine's follows the machine's current IP;
 * nothing stored means the primary LAN address under nip.io. {@code localhost} always works too.
 */
public final class Domains {
    public static final String LOCALHOST = "localhost";
    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
    private static final Pattern WILDCARD = Pattern.compile(
            "^(?:[a-z0-9-]+\\.)*?(\\d{1,3}[.-]\\d{1,3}[.-]\\d{1,3}[.-]\\d{1,3})\\.(nip\\.io|sslip\\.io)$");
    private static final List<String> VIRTUAL_PREFIXES = List.of("docker", "br-", "veth", "virbr", "cni", "flannel",
            "podman", "lxc", "lxd", "vmnet", "vboxnet", "tun", "tap", "zt", "tailscale", "wg");

    /** The chosen domain and why, for the start-up log. */
    public record Decision(String domain, String reason) {}

    private Domains() {}

    /**
     * The pure rule. {@code localIps} are this machine's IPv4 addresses, best first (see
     * {@link #localIpv4()}).
     */
    public static Decision decide(String stored, List<String> localIps) {
        String d = stored == null ? "" : stored.trim().toLowerCase(Locale.ROOT);
        String primary = localIps.isEmpty() ? null : localIps.get(0);
        if (d.isEmpty()) {
            return primary == null
                    ? new Decision(LOCALHOST, "no domain stored and no LAN address found: localhost only")
                    : new Decision(primary + ".nip.io", "no domain stored: using the primary LAN address " + primary);
        }
        if (IPV4.matcher(d).matches()) {
            if (localIps.contains(d) || primary == null) return new Decision(d, "stored IP " + d + " belongs to this machine");
            return new Decision(primary, "stored IP " + d + " is not this machine's: using " + primary);
        }
        Matcher w = WILDCARD.matcher(d);
        if (w.matches()) {
            String embedded = w.group(1).replace('-', '.');
            if (localIps.contains(embedded) || primary == null) {
                return new Decision(d, "wildcard domain " + d + " points at this machine");
            }
            return new Decision(primary + ".nip.io", "wildcard domain " + d + " points at " + embedded
                    + ", not this machine: using " + primary);
        }
        return new Decision(d, "real domain " + d + " is trusted as stored");
    }

    /** This machine's IPv4 addresses on interfaces that are up, LAN ranges first, no loopback or bridges. */
    public static List<String> localIpv4() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback() || ni.isVirtual() || isVirtualName(ni.getName())) continue;
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        out.add(a.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            return List.of();
        }
        out.sort(Comparator.comparingInt(Domains::rank));
        return out;
    }

    private static boolean isVirtualName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return VIRTUAL_PREFIXES.stream().anyMatch(n::startsWith);
    }

    /** 192.168/16 first, then 10/8, then 172.16/12, then anything else. */
    static int rank(String ip) {
        if (ip.startsWith("192.168.")) return 0;
        if (ip.startsWith("10.")) return 1;
        Matcher m = IPV4.matcher(ip);
        if (m.matches() && m.group(1).equals("172")) {
            int second = Integer.parseInt(m.group(2));
            if (second >= 16 && second <= 31) return 2;
        }
        return 3;
    }
}
