package fazt.server.mcp;

import fazt.core.FaztException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tool call's arguments. The SDK checks them against the tool's input schema first; these
 * getters still refuse a wrong type with a message that names the argument.
 */
record ToolArgs(Map<String, Object> values) {
    ToolArgs {
        values = values == null ? Map.of() : values;
    }

    String text(String name) {
        Object v = values.get(name);
        if (v == null) return null;
        if (v instanceof String s) return s;
        throw FaztException.invalid(name + " must be a string");
    }

    String requiredText(String name) {
        String v = text(name);
        if (v == null || v.isBlank()) throw FaztException.invalid(name + " is required");
        return v;
    }

    Integer number(String name) {
        Object v = values.get(name);
        if (v == null) return null;
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.intValue();
        throw FaztException.invalid(name + " must be a whole number");
    }

    /** An object of strings (a path → content map); empty when absent. */
    Map<String, String> textMap(String name) {
        Object v = values.get(name);
        if (v == null) return Map.of();
        if (!(v instanceof Map<?, ?> m)) throw FaztException.invalid(name + " must be an object of path → text");
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) throw FaztException.invalid(name + "['" + e.getKey() + "'] must be text");
            out.put(String.valueOf(e.getKey()), s);
        }
        return out;
    }

    /** A list of strings; empty when absent. */
    List<String> textList(String name) {
        Object v = values.get(name);
        if (v == null) return List.of();
        if (!(v instanceof List<?> l) || !l.stream().allMatch(x -> x instanceof String)) {
            throw FaztException.invalid(name + " must be a list of strings");
        }
        return l.stream().map(x -> (String) x).toList();
    }
}
