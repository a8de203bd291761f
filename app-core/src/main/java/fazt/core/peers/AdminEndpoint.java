package fazt.core.peers;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every admin API endpoint (SPEC §8) that {@code AdminApiClient} calls: method and path template,
 * with {@code {name}} for a path segment. A request can only be built from one of these
 * ({@link #at}), so the set of routes the client depends on is this list, which a contract test
 * in app-server checks against the server's routing table.
 */
public enum AdminEndpoint {
    HEALTH("GET", "/api/system/health"),
    CONFIG("GET", "/api/system/config"),
    SET_CONFIG("PUT", "/api/system/config"),
    BACKUP("GET", "/api/system/backup"),
    SET_OWNER("PUT", "/api/system/owner"),
    GENERATE_OWNER_PASSWORD("POST", "/api/system/owner/password"),
    DEPLOY("POST", "/api/deploy"),
    APPS("GET", "/api/apps"),
    APP("GET", "/api/apps/{app}"),
    REMOVE_APP("DELETE", "/api/apps/{app}"),
    VERSIONS("GET", "/api/apps/{app}/versions"),
    ROLLBACK("POST", "/api/apps/{app}/rollback"),
    FILES("GET", "/api/apps/{app}/files"),
    ALIASES("GET", "/api/aliases"),
    SET_ALIAS("PUT", "/api/aliases/{subdomain}"),
    REMOVE_ALIAS("DELETE", "/api/aliases/{subdomain}"),
    SWAP_ALIASES("POST", "/api/aliases/swap"),
    CREATE_KEY("POST", "/api/keys"),
    DELETE_KEY("DELETE", "/api/keys/{id}"),
    PAIR("POST", "/api/peers/pair"),
    NEW_PAIRING_CODE("POST", "/api/peers/pairing-code"),
    PEERS("GET", "/api/peers"),
    ADD_PEER("POST", "/api/peers"),
    REMOVE_PEER("DELETE", "/api/peers/{name}"),
    SET_DEFAULT_PEER("PUT", "/api/peers/{name}/default"),
    RESOLVED_PEER_STATUS("GET", "/api/peers/status"),
    PEER_STATUS("GET", "/api/peers/{name}/status"),
    LOGS("GET", "/api/logs"),
    LOG_STREAM("GET", "/api/logs/stream"),
    CHANGES("GET", "/api/changes"),
    ENV_VARS("GET", "/api/envvars"),
    SET_ENV_VAR("POST", "/api/envvars"),
    REMOVE_ENV_VAR("DELETE", "/api/envvars"),
    STATS("GET", "/api/stats"),
    TIMELINE("GET", "/api/stats/timeline"),
    SHORT_LINKS("GET", "/api/redirects"),
    SET_SHORT_LINK("POST", "/api/redirects"),
    REMOVE_SHORT_LINK("DELETE", "/api/redirects/{slug}"),
    CERTIFICATES("GET", "/api/certs"),
    IMPORT_CERTIFICATE("PUT", "/api/certs"),
    REMOVE_CERTIFICATE("DELETE", "/api/certs/{name}"),
    AUTH_PROVIDERS("GET", "/api/auth/providers"),
    SET_AUTH_PROVIDER("PUT", "/api/auth/providers/{name}"),
    REMOVE_AUTH_PROVIDER("DELETE", "/api/auth/providers/{name}"),
    USERS("GET", "/api/users"),
    SET_USER_ROLE("PUT", "/api/users/{id}"),
    REMOVE_USER("DELETE", "/api/users/{id}"),
    INVITES("GET", "/api/invites"),
    CREATE_INVITE("POST", "/api/invites"),
    REMOVE_INVITE("DELETE", "/api/invites/{code}"),
    KV("GET", "/api/apps/{app}/kv"),
    KV_ENTRY("GET", "/api/apps/{app}/kv/entry"),
    SET_KV_ENTRY("PUT", "/api/apps/{app}/kv/entry"),
    REMOVE_KV_ENTRY("DELETE", "/api/apps/{app}/kv/entry"),
    COLLECTIONS("GET", "/api/apps/{app}/collections"),
    DOCS("GET", "/api/apps/{app}/docs"),
    EXPORT_DOCS("GET", "/api/apps/{app}/docs/export"),
    DOC("GET", "/api/apps/{app}/docs/entry"),
    REPLACE_DOC("PUT", "/api/apps/{app}/docs/entry"),
    REMOVE_DOC("DELETE", "/api/apps/{app}/docs/entry"),
    BLOBS("GET", "/api/apps/{app}/blobs"),
    BLOB("GET", "/api/apps/{app}/blobs/entry"),
    REMOVE_BLOB("DELETE", "/api/apps/{app}/blobs/entry"),
    SCHEDULES("GET", "/api/apps/{app}/schedules"),
    RUN_SCHEDULE("POST", "/api/apps/{app}/schedules/run"),
    STORE_PEER_BACKUP("POST", "/api/system/peer-backups"),
    FILE("GET", "/api/apps/{app}/files/entry"),
    CALL_FUNCTION("POST", "/api/apps/{app}/call");

    private static final Pattern PARAM = Pattern.compile("\\{[^}/]+}");

    private final String method;
    private final String template;

    AdminEndpoint(String method, String template) {
        this.method = method;
        this.template = template;
    }

    public String method() {
        return method;
    }

    /** The path with {@code {name}} where a segment is filled in, as the routing table writes it. */
    public String template() {
        return template;
    }

    /** A request to this endpoint, each {@code {name}} of the template filled in order from {@code segments}, encoded. */
    public Call at(String... segments) {
        Matcher m = PARAM.matcher(template);
        StringBuilder path = new StringBuilder();
        int i = 0;
        while (m.find()) {
            if (i == segments.length) throw new IllegalArgumentException(this + " needs more than " + i + " path segments");
            m.appendReplacement(path, Matcher.quoteReplacement(encode(segments[i++])));
        }
        m.appendTail(path);
        if (i != segments.length) throw new IllegalArgumentException(this + " takes " + i + " path segments, not " + segments.length);
        return new Call(this, path.toString());
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One request's endpoint and its path (with the query, if any). */
    public record Call(AdminEndpoint endpoint, String path) {
        /** Adds {@code ?name=value&…} for the pairs whose value is not null. */
        public Call query(String... pairs) {
            StringBuilder q = new StringBuilder(path);
            boolean first = !path.contains("?");
            for (int i = 0; i < pairs.length; i += 2) {
                if (pairs[i + 1] == null) continue;
                q.append(first ? '?' : '&').append(pairs[i]).append('=').append(encode(pairs[i + 1]));
                first = false;
            }
            return new Call(endpoint, q.toString());
        }
    }
}
