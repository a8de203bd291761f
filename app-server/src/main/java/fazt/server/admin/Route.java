package fazt.server.admin;

import fazt.core.identity.Scope;
import java.util.HashMap;
import java.util.Map;

/**
 * One line of the routing table: method, path pattern with {@code {name}} segments, needed scope.
 * A route without a scope is open to anyone (sign-in, pairing); such an endpoint guards itself.
 */
record Route(String method, String pattern, Scope scope, Endpoint endpoint) {
    static Route open(String method, String pattern, Endpoint endpoint) {
        return new Route(method, pattern, null, endpoint);
    }

    boolean isOpen() {
        return scope == null;
    }

    /** The path parameters when {@code path} matches, else null. */
    Map<String, String> match(String path) {
        String[] want = pattern.split("/");
        String[] got = path.split("/");
        if (want.length != got.length) return null;
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{")) {
                if (got[i].isEmpty()) return null;
                params.put(want[i].substring(1, want[i].length() - 1), got[i]);
            } else if (!want[i].equals(got[i])) {
                return null;
            }
        }
        return params;
    }
}
