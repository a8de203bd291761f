package fazt.core.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.core.FaztException;
import fazt.core.Json;
import java.nio.charset.StandardCharsets;

/** JSON values as the storage tables hold them: UTF-8 text of at most {@link #MAX_BYTES}. */
final class JsonText {
    /** The cap on one KV value or one document, serialized. */
    static final int MAX_BYTES = 1024 * 1024;

    private JsonText() {}

    /**
     * The JSON text of {@code value}, or an invalid-input error naming {@code what} when it is
     * larger than {@link #MAX_BYTES}.
     */
    static String write(JsonNode value, String what) {
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw FaztException.invalid(what + " cannot be written as JSON: " + e.getOriginalMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw FaztException.invalid(what + " is " + bytes.length + " bytes as JSON; the limit is 1 MB ("
                    + MAX_BYTES + " bytes): store large data as a blob instead");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Text this package wrote; failing to parse it means data.db was changed outside fazt. */
    static JsonNode read(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw damaged("stored JSON does not parse (" + e.getOriginalMessage() + ")");
        }
    }

    static ObjectNode readObject(String text) {
        if (read(text) instanceof ObjectNode o) return o;
        throw damaged("a stored document is not a JSON object");
    }

    private static FaztException damaged(String what) {
        return new FaztException(FaztException.Kind.UNAVAILABLE, "STORAGE_DAMAGED",
                what + "; data.db was changed outside fazt: restore it from a backup");
    }
}
