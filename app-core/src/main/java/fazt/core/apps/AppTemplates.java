package fazt.core.apps;

import fazt.core.FaztException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The starting files of a new app, by template name. Only {@code static} (one page) is here so
 * far; the templates feature (issue 15) adds the others, and every way in (MCP {@code create_app},
 * {@code fazt app create}) reads the list from this one place.
 */
public final class AppTemplates {
    public static final String DEFAULT = "static";

    private static final String STATIC_PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>New app</title>
            </head>
            <body>
              <h1>It works</h1>
              <p>Edit index.html and deploy again.</p>
            </body>
            </html>
            """;

    private AppTemplates() {}

    /** The names {@link #files} accepts. */
    public static List<String> names() {
        return List.of(DEFAULT);
    }

    /** The files of template {@code name} (null: {@link #DEFAULT}), path to bytes. */
    public static Map<String, byte[]> files(String name) {
        String chosen = name == null || name.isBlank() ? DEFAULT : name.trim();
        if (!chosen.equals(DEFAULT)) {
            throw FaztException.invalid("no template '" + chosen + "'; the templates are " + String.join(", ", names()));
        }
        Map<String, byte[]> files = new TreeMap<>();
        files.put("index.html", STATIC_PAGE.getBytes(StandardCharsets.UTF_8));
        return files;
    }
}
