package fazt.core.peers;

import fazt.core.FaztException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which peer versions this one can manage. The admin API may change between minor versions
 * while fazt is below 1.0, so the rule is the same major.minor on both sides (0.1.0 manages
 * 0.1.7, not 0.2.0). A version that is not numbered (a development build, "dev") is allowed
 * to talk to anything, since there is nothing to compare.
 */
final class PeerVersions {
    private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)(\\D.*)?$");

    private PeerVersions() {}

    static boolean compatible(String theirs, String ours) {
        String a = majorMinor(theirs);
        String b = majorMinor(ours);
        return a == null || b == null || a.equals(b);
    }

    private static String majorMinor(String version) {
        if (version == null) return null;
        Matcher m = MAJOR_MINOR.matcher(version.trim());
        return m.matches() ? m.group(1) + "." + m.group(2) : null;
    }

    static FaztException incompatible(String peer, String theirs, String ours) {
        return new FaztException(FaztException.Kind.CONFLICT, "PEER_INCOMPATIBLE", "peer '" + peer + "' runs fazt " + theirs
                + " and this is fazt " + ours + "; managing a peer needs the same major.minor version: update the older one");
    }
}
