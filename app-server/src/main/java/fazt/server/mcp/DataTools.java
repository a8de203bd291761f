package fazt.server.mcp;

import fazt.core.Node;
import fazt.core.identity.Scope;
import fazt.core.logs.LogLevels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tools around a running app: logs, a function call, env vars, stored data, stats, peers, health. */
final class DataTools {
    private final Node node;

    DataTools(Node node) {
        this.node = node;
    }

    List<FaztTool> tools() {
        return List.of(
                FaztTool.reading("read_logs", "Read an app's newest function log lines, newest first (filter by level).",
                        InputSchema.object().text("app", "The app's name (omit for every app).", false)
                                .choice("level", "Only lines at or above this level.", LogLevels.ALL, false)
                                .number("limit", "How many lines (default 50, at most 1000).", false),
                        Scope.READ, (a, c) -> Map.of("lines", node.logs(a.text("app"), a.text("level"),
                                a.number("limit") == null ? 50 : a.number("limit")))),
                FaztTool.changing("call_function", "Call the app's function (api/main.js) once and get status, headers, body and the log lines it wrote.",
                        InputSchema.object().text("app", "The app's name.", true)
                                .choice("method", "HTTP method (default GET).", List.of("GET", "POST", "PUT", "PATCH", "DELETE"), false)
                                .text("path", "Path under /api, with an optional query, e.g. /api/items?limit=5 (default /api).", false)
                                .text("body", "Request body as text, e.g. JSON.", false)
                                .text("contentType", "Content type of body (default application/json).", false),
                        Scope.DEPLOY, false, false, (a, c) -> node.callFunction(a.requiredText("app"), a.text("method"),
                                a.text("path"), a.text("body"), a.text("contentType"))),
                FaztTool.reading("get_env", "List the names of an app's env vars (fazt.env.get in functions); values are never shown, as any may be a secret.",
                        InputSchema.object().text("app", "The app's name.", true),
                        Scope.ADMIN, (a, c) -> Map.of("keys", List.copyOf(node.envVars(a.requiredText("app")).keySet()))),
                FaztTool.changing("set_env", "Set one env var of an app (fazt.env.get(\"KEY\") in its functions); the value is not echoed back.",
                        InputSchema.object().text("app", "The app's name.", true)
                                .text("key", "Name like API_KEY (capitals, digits, underscores).", true)
                                .text("value", "The value (at most 32 KB).", true),
                        Scope.ADMIN, true, true, (a, c) -> setEnv(a.requiredText("app"), a.requiredText("key"), a.text("value"))),
                FaztTool.reading("kv_get", "Read one key of an app's key-value store (fazt.storage.kv) with its value and expiry.",
                        InputSchema.object().text("app", "The app's name.", true).text("key", "The key.", true),
                        Scope.READ, (a, c) -> node.kvEntry(a.requiredText("app"), a.requiredText("key"))),
                FaztTool.reading("kv_list", "List an app's key-value entries whose key starts with prefix, a page at a time.",
                        InputSchema.object().text("app", "The app's name.", true)
                                .text("prefix", "Only keys starting with this.", false)
                                .text("after", "The 'next' value of the previous page.", false)
                                .number("limit", "Entries per page (default 100).", false),
                        Scope.READ, (a, c) -> node.kvEntries(a.requiredText("app"), a.text("prefix"), a.text("after"), a.number("limit"))),
                FaztTool.reading("docs_find", "Find documents in an app's collection (fazt.storage.docs) with the query language functions use; read-only.",
                        InputSchema.object().text("app", "The app's name.", true)
                                .text("collection", "The collection's name.", true)
                                .text("query", "A JSON query, e.g. {\"done\": false} or {\"n\": {\"$gt\": 3}} (omit for all).", false)
                                .text("sort", "field, -field, or {\"field\": -1} (default newest first).", false)
                                .number("limit", "Documents per page.", false)
                                .number("offset", "Documents to skip.", false),
                        Scope.READ, (a, c) -> node.docs(a.requiredText("app"), a.requiredText("collection"), a.text("query"),
                                a.text("sort"), a.number("limit"), a.number("offset"))),
                FaztTool.reading("stats", "Show visits and events of one app (or every app) over the last 30 days.",
                        InputSchema.object().text("app", "The app's name (omit for every app).", false),
                        Scope.READ, (a, c) -> node.stats(a.text("app"))),
                FaztTool.reading("list_peers", "List the linked peers (other fazt instances this one manages), never with their tokens.",
                        InputSchema.object(), Scope.ADMIN, (a, c) -> Map.of("peers", node.peers())),
                FaztTool.reading("health", "Show the instance's health: status, version, uptime, memory, base domains.",
                        InputSchema.object(), Scope.READ, (a, c) -> node.health()));
    }

    private Map<String, Object> setEnv(String app, String key, String value) {
        node.setEnvVar(app, key, value == null ? "" : value);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("app", app);
        out.put("key", key);
        out.put("set", true);
        return out;
    }
}
