package fazt.core.storage;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.core.FaztException;
import fazt.core.Json;
import java.util.Map;

/**
 * A document query and a sort as people type them outside JavaScript (a URL parameter, a CLI
 * option, an agent's tool call): the query as JSON text, the sort as {@code field},
 * {@code -field} (descending) or {@code {"field": 1 | -1 | "asc" | "desc"}}. Errors say where
 * the text is wrong.
 */
final class DocText {
    private static final ObjectReader STRICT = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private DocText() {}

    /** The query object of {@code json}; null or blank text matches every document. */
    static ObjectNode query(String json) {
        if (json == null || json.isBlank()) return null;
        JsonNode node = parse(json, "the query");
        if (node instanceof ObjectNode o) return o;
        throw FaztException.invalid("the query must be a JSON object like {\"status\": \"open\"}, not " + DocQuery.kind(node));
    }

    /** {@link Docs.FindOptions} for a sort spec (null or blank: the default order) and a page. */
    static Docs.FindOptions options(String sort, int limit, int offset) {
        if (sort == null || sort.isBlank()) return new Docs.FindOptions(limit, offset, null, null);
        String s = sort.strip();
        if (s.startsWith("{")) {
            JsonNode node = parse(s, "the sort");
            if (node.size() != 1) {
                throw FaztException.invalid("the sort must name exactly one field, like {\"age\": -1}, not " + node.size());
            }
            Map.Entry<String, JsonNode> field = node.properties().iterator().next();
            return new Docs.FindOptions(limit, offset, direction(field.getKey(), field.getValue()), field.getKey());
        }
        return s.startsWith("-") ? new Docs.FindOptions(limit, offset, "desc", s.substring(1))
                : new Docs.FindOptions(limit, offset, "asc", s);
    }

    private static String direction(String field, JsonNode d) {
        if (d.isIntegralNumber() && (d.asInt() == 1 || d.asInt() == -1)) return d.asInt() == 1 ? "asc" : "desc";
        if (d.isTextual() && (d.textValue().equals("asc") || d.textValue().equals("desc"))) return d.textValue();
        throw FaztException.invalid("the sort direction of '" + field + "' must be 1, -1, \"asc\" or \"desc\", not " + d);
    }

    private static JsonNode parse(String text, String what) {
        try {
            return STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw FaztException.invalid(what + " is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
    }
}
