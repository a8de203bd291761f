package fazt.core.js;

import java.util.Map;

/**
 * One request to an app's {@code api/}: what {@code request} shows the script (SPEC §4.2) plus
 * what the runtime needs around it. {@code query} holds each key's first value; header names are
 * lowercase; {@code url} is the full URL, for login redirects. {@code scheduled} is true only for a
 * call the scheduler made ({@code request.scheduled}); nothing in an HTTP request can set it.
 */
public record FunctionRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
        byte[] body, String contentType, String ip, String requestId, String url, boolean scheduled) {
    /** A request that came over HTTP. */
    public FunctionRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
            byte[] body, String contentType, String ip, String requestId, String url) {
        this(method, path, query, headers, body, contentType, ip, requestId, url, false);
    }
}
