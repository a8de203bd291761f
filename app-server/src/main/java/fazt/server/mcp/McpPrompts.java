package fazt.server.mcp;

import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/** Two starting points for an agent: make a new app, and find out why an app misbehaves. */
final class McpPrompts {
    private McpPrompts() {}

    static List<McpStatelessServerFeatures.SyncPromptSpecification> all() {
        var create = new McpSchema.Prompt("create_app", "Create an app",
                "Build and publish a new fazt app from a description.",
                List.of(new McpSchema.PromptArgument("name", "The app's name (letters, digits, hyphens).", true),
                        new McpSchema.PromptArgument("description", "What the app should do.", true)));
        var debug = new McpSchema.Prompt("debug_app", "Debug an app from its logs",
                "Find out why an app fails, from its logs and a call to its function.",
                List.of(new McpSchema.PromptArgument("app", "The app's name.", true)));
        return List.of(new McpStatelessServerFeatures.SyncPromptSpecification(create, (c, r) -> message(
                        "Create a fazt app named '" + arg(r, "name") + "' that does this: " + arg(r, "description") + "\n"
                                + "1. Read fazt://docs/apps and fazt://docs/functions.\n"
                                + "2. create_app with that name, then write_files: index.html, and api/main.js when it needs a"
                                + " server side (storage with fazt.storage.docs or fazt.storage.kv).\n"
                                + "3. deploy, then check every function route with call_function and read its log lines.\n"
                                + "4. Fix what fails with write_files and deploy again; report the app's URL from app_info.")),
                new McpStatelessServerFeatures.SyncPromptSpecification(debug, (c, r) -> message(
                        "Debug the fazt app '" + arg(r, "app") + "':\n"
                                + "1. read_logs with app '" + arg(r, "app") + "' and level warn, then all levels around the errors.\n"
                                + "2. Read the failing file through the fazt://apps/" + arg(r, "app") + "/files resources.\n"
                                + "3. Reproduce with call_function (its answer carries the log lines of that call).\n"
                                + "4. Fix with write_files and deploy, call again; if the new version is worse, rollback.")));
    }

    private static String arg(McpSchema.GetPromptRequest request, String name) {
        Map<String, Object> args = request.arguments();
        Object v = args == null ? null : args.get(name);
        return v == null ? "" : v.toString();
    }

    private static McpSchema.GetPromptResult message(String text) {
        return new McpSchema.GetPromptResult(null,
                List.of(new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent(text))));
    }
}
