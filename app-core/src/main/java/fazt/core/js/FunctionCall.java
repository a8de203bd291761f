package fazt.core.js;

import fazt.core.Fazt;
import fazt.core.FaztException;
import fazt.core.Ids;
import fazt.core.apps.AppInfo;
import fazt.core.apps.VersionIndex;
import fazt.core.logs.LogLine;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One run of an app's function made by its owner's tools (MCP {@code call_function}), not over
 * HTTP: the same engine and limits as a request to the app's host, with no signed-in user, and
 * the answer together with the log lines that this run wrote (found by its own request id).
 */
public record FunctionCall(int status, Map<String, String> headers, String contentType, String body, List<LogLine> logs) {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    /** Runs {@code method path} (path under {@code /api}, with an optional query) of the app {@code ref}. */
    public static FunctionCall run(Fazt fazt, String ref, String method, String path, String body, String contentType) {
        String verb = method == null || method.isBlank() ? "GET" : method.trim().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(verb)) throw FaztException.invalid("method must be one of " + String.join(", ", METHODS.stream().sorted().toList()));
        String target = path == null || path.isBlank() ? "/api" : path.trim();
        if (!target.equals("/api") && !target.startsWith("/api/") && !target.startsWith("/api?")) {
            throw FaztException.invalid("path must start with /api (functions answer /api and /api/*), not '" + target + "'");
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        long max = fazt.functions().limits().maxBodyBytes();
        if (bytes.length > max) throw new FaztException(FaztException.Kind.TOO_LARGE, "BODY_TOO_LARGE", "the body is larger than " + max + " bytes");
        AppInfo app = fazt.apps().get(ref);
        VersionIndex index = fazt.apps().activeIndex(app.id())
                .orElseThrow(() -> FaztException.notFound("'" + ref + "' has no active version"));
        int q = target.indexOf('?');
        String pathOnly = q < 0 ? target : target.substring(0, q);
        Map<String, String> query = q < 0 ? Map.of() : query(target.substring(q + 1));
        String type = bytes.length == 0 ? null : contentType == null || contentType.isBlank() ? "application/json" : contentType;
        Map<String, String> headers = new LinkedHashMap<>();
        if (type != null) headers.put("content-type", type);
        String requestId = "call-" + Ids.newToken("").substring(0, 16);
        String url = "http://" + app.name() + "." + fazt.baseDomains().get(0) + target;
        FunctionRequest request = new FunctionRequest(verb, pathOnly, query, headers, bytes, type, "127.0.0.1", requestId, url);
        FunctionResponse r = fazt.functions().invoke(index, request, null);
        List<LogLine> lines = fazt.functionLogs().query(app.id(), null, 200, null).stream()
                .filter(l -> requestId.equals(l.requestId())).sorted(Comparator.comparingLong(LogLine::id)).toList();
        return new FunctionCall(r.status(), r.headers(), r.contentType(), new String(r.body(), StandardCharsets.UTF_8), lines);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }
}
