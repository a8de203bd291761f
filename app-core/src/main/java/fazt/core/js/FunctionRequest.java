package fazt.core.js;

import java.util.Map;

/**
 * One request to an app's {@code api/}: what {@code request} shows the script (SPEC §4.2) plus
 * what the runtime needs around it. {@code query} holds each key's first value; header names are
 * lowercase; {@code url} is the full URL, for login redirects.
 */
public record FunctionRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
        byte[] body, String contentType, String ip, String requestId, String url) {}
