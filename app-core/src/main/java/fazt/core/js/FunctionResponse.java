package fazt.core.js;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What a function answered: status, headers set by the script, body and its content type. */
public record FunctionResponse(int status, Map<String, String> headers, byte[] body, String contentType) {
    public static FunctionResponse json(int status, String json) {
        return new FunctionResponse(status, Map.of(), json.getBytes(StandardCharsets.UTF_8), "application/json");
    }
}
