package fazt.server;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.FaztException;
import fazt.core.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * The small body of a sign-in form: a JSON object or {@code application/x-www-form-urlencoded},
 * read as text fields (the first value of each name).
 */
record FormBody(Map<String, String> fields, boolean json) {
    private static final long LIMIT = 16 * 1024;

    static FormBody read(Request request) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        boolean json = type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
        String body = new String(IncomingRequests.readBody(request, LIMIT), StandardCharsets.UTF_8);
        Map<String, String> fields = new HashMap<>();
        if (json) {
            if (body.isBlank()) return new FormBody(fields, true);
            try {
                JsonNode node = Json.MAPPER.readTree(body);
                if (node == null || !node.isObject()) throw FaztException.invalid("the body must be a JSON object");
                node.properties().forEach(e -> {
                    if (e.getValue().isValueNode() && !e.getValue().isNull()) fields.put(e.getKey(), e.getValue().asText());
                });
            } catch (IOException e) {
                throw FaztException.invalid("the body is not valid JSON");
            }
        } else {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                fields.putIfAbsent(k, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return new FormBody(fields, json);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw FaztException.invalid("the form is not properly encoded");
        }
    }

    String get(String name) {
        String v = fields.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
