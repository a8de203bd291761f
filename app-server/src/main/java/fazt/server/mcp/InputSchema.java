package fazt.server.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tool's JSON schema (an object of named, described properties), written the short way. */
final class InputSchema {
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    static InputSchema object() {
        return new InputSchema();
    }

    InputSchema text(String name, String description, boolean needed) {
        return property(name, Map.of("type", "string", "description", description), needed);
    }

    InputSchema number(String name, String description, boolean needed) {
        return property(name, Map.of("type", "integer", "description", description), needed);
    }

    /** An object whose values are strings (path → content). */
    InputSchema textMap(String name, String description, boolean needed) {
        return property(name, Map.of("type", "object", "description", description,
                "additionalProperties", Map.of("type", "string")), needed);
    }

    InputSchema textList(String name, String description, boolean needed) {
        return property(name, Map.of("type", "array", "description", description, "items", Map.of("type", "string")), needed);
    }

    InputSchema choice(String name, String description, List<String> values, boolean needed) {
        return property(name, Map.of("type", "string", "description", description, "enum", values), needed);
    }

    private InputSchema property(String name, Map<String, Object> schema, boolean needed) {
        properties.put(name, schema);
        if (needed) required.add(name);
        return this;
    }

    Map<String, Object> toMap() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }
}
