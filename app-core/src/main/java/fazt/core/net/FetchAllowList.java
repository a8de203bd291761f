package fazt.core.net;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An app's optional list of hosts its functions may fetch from, from {@code manifest.json}:
 * {@code "fetch": {"allow": ["api.example.com", "*.example.com"]}}. {@code *.example.com} matches
 * any name below example.com (not example.com itself). An empty list allows every public host; the
 * address rules of {@link BlockedAddresses} apply either way.
 */
public record FetchAllowList(List<String> patterns) {
    public static final FetchAllowList ANY = new FetchAllowList(List.of());
    private static final Pattern NAME = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    /**
     * The allow-list a manifest asks for. Throws {@link IllegalArgumentException} with a message for
     * the person deploying when {@code fetch} or {@code fetch.allow} has the wrong shape.
     */
    public static FetchAllowList fromManifest(JsonNode manifest) {
        JsonNode fetch = manifest.get("fetch");
        if (fetch == null || fetch.isNull()) return ANY;
        if (!fetch.isObject()) throw new IllegalArgumentException("manifest.json: \"fetch\" must be an object like {\"allow\": [\"api.example.com\"]}");
        var names = fetch.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!n.equals("allow")) throw new IllegalArgumentException("manifest.json: \"fetch\" has no setting \"" + n + "\" (known: allow)");
        }
        JsonNode allow = fetch.get("allow");
        if (allow == null || allow.isNull()) return ANY;
        if (!allow.isArray()) throw new IllegalArgumentException("manifest.json: \"fetch.allow\" must be a list of host names like \"api.example.com\" or \"*.example.com\"");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < allow.size(); i++) {
            JsonNode item = allow.get(i);
            String p = item.isTextual() ? normalize(item.asText()) : null;
            if (p == null || p.length() > 253 || !(NAME.matcher(p).matches() || AddressRange.isLiteral(p))) {
                throw new IllegalArgumentException("manifest.json: fetch.allow[" + i + "] must be a host name like \"api.example.com\", "
                        + "\"*.example.com\" or an IP address (no scheme, port or path), not " + item);
            }
            out.add(p);
        }
        return new FetchAllowList(List.copyOf(out));
    }

    /** A host as compared: lower case, without a trailing dot or IPv6 brackets. */
    static String normalize(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        while (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        return h;
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** Whether this list lets a function fetch from {@code host} (always, when the list is empty). */
    public boolean allows(String host) {
        if (patterns.isEmpty()) return true;
        String h = normalize(host);
        for (String p : patterns) {
            if (p.startsWith("*.") ? h.endsWith(p.substring(1)) && h.length() > p.length() - 1 : h.equals(p)) return true;
        }
        return false;
    }
}
