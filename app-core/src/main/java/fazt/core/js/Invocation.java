package fazt.core.js;

import fazt.core.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One run of a function: the request, who is signed in, and the log lines it wrote. */
final class Invocation {
    private static final int MAX_RETURNED_LOGS = 100;

    private final AppRuntime app;
    private final FunctionRequest request;
    private final String userJson;
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private final List<Map<String, String>> logs = new ArrayList<>();

    Invocation(AppRuntime app, FunctionRequest request, String userJson) {
        this.app = app;
        this.request = request;
        this.userJson = userJson;
    }

    FunctionRequest request() {
        return request;
    }

    String userJson() {
        return userJson;
    }

    /** When the function's time limit strikes, on {@link System#nanoTime()}'s clock (set as its watchdog starts). */
    long deadlineNanos() {
        return deadlineNanos;
    }

    void limitTo(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** What {@code request} shows the script, less its body: method, path, query, headers, ip, scheduled (SPEC §4.2). */
    String requestJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", request.method());
        m.put("path", request.path());
        m.put("query", request.query());
        m.put("headers", request.headers());
        m.put("ip", request.ip());
        m.put("scheduled", request.scheduled());
        try {
            return Json.MAPPER.writeValueAsString(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void log(String level, String message) {
        if (logs.size() < MAX_RETURNED_LOGS) {
            Map<String, String> line = new LinkedHashMap<>();
            line.put("level", level);
            line.put("message", message);
            logs.add(line);
        }
        app.services().logs().append(app.appId(), app.name(), app.version(), level, message, request.requestId());
    }

    /** The lines this request logged, for the body of a 500 (SPEC §4.3). */
    List<Map<String, String>> logs() {
        return logs;
    }
}
