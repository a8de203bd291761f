package fazt.core.net;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which hosts an app's functions may fetch from. Two optional lists, each of host names
 * ({@code api.example.com}), wildcards ({@code *.example.com}: any name below example.com, not
 * example.com itself) or IP addresses: the app's own, in {@code manifest.json} as
 * {@code "fetch": {"allow": [...]}}, and the owner's, the app's env var {@value #OWNER_KEY}
 * (comma-separated). A host must be on every list that is set; with neither, every public host is
 * allowed. The address rules of {@link BlockedAddresses} apply either way.
 */
public final class FetchAllowList {
    /** The env var in which the owner sets an app's list. */
    public static final String OWNER_KEY = "FAZT_FETCH_ALLOW";
    public static final FetchAllowList ANY = new FetchAllowList(null, null, null);
    private static final Pattern NAME = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final String FORM = "a host name like \"api.example.com\", \"*.example.com\" or an IP address (no scheme, port or path)";

    private final List<String> patterns; // null: no list
    private final String source;
    private final FetchAllowList also;

    private FetchAllowList(List<String> patterns, String source, FetchAllowList also) {
        this.patterns = patterns;
        this.source = source;
        this.also = also;
    }

    /**
     * The list a manifest asks for. Throws {@link IllegalArgumentException} with a message for the
     * person deploying when {@code fetch} or {@code fetch.allow} has the wrong shape.
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
            String p = item.isTextual() ? pattern(item.asText()) : null;
            if (p == null) throw new IllegalArgumentException("manifest.json: fetch.allow[" + i + "] must be " + FORM + ", not " + item);
            out.add(p);
        }
        return new FetchAllowList(List.copyOf(out), "manifest.json fetch.allow", null);
    }

    /** The owner's list from the env var {@value #OWNER_KEY} (null or blank: none); a bad item throws {@link IllegalArgumentException}. */
    public static FetchAllowList fromOwnerSetting(String value) {
        if (value == null || value.isBlank()) return ANY;
        List<String> out = new ArrayList<>();
        for (String item : value.split(",")) {
            if (item.isBlank()) continue;
            String p = pattern(item);
            if (p == null) throw new IllegalArgumentException(OWNER_KEY + ": each item must be " + FORM + ", not '" + item.trim() + "'");
            out.add(p);
        }
        return new FetchAllowList(List.copyOf(out), "the owner's " + OWNER_KEY, null);
    }

    private static String pattern(String text) {
        String p = normalize(text);
        return p.length() <= 253 && (NAME.matcher(p).matches() || AddressRange.isLiteral(p)) ? p : null;
    }

    /** A host as compared: lower case, without a trailing dot or IPv6 brackets. */
    static String normalize(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        while (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        return h;
    }

    /** This list and {@code other}: a host must be on both (a list that is not set allows every host). */
    public FetchAllowList and(FetchAllowList other) {
        if (other.patterns == null) return this;
        if (patterns == null) return other;
        return new FetchAllowList(patterns, source, also == null ? other : also.and(other));
    }

    /** Whether the lists let a function fetch from {@code host}. */
    public boolean allows(String host) {
        return refusedBy(host) == null;
    }

    /** The list that keeps {@code host} out ("manifest.json fetch.allow", "the owner's FAZT_FETCH_ALLOW"), or null. */
    public String refusedBy(String host) {
        if (patterns != null && !matches(normalize(host))) return source;
        return also == null ? null : also.refusedBy(host);
    }

    private boolean matches(String h) {
        for (String p : patterns) {
            if (p.startsWith("*.") ? h.endsWith(p.substring(1)) && h.length() > p.length() - 1 : h.equals(p)) return true;
        }
        return false;
    }
}
