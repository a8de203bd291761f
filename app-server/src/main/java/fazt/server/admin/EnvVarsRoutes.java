package fazt.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Fazt;
import fazt.core.FaztException;
import fazt.core.apps.AppInfo;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/envvars}: the owner's per-app variables (SPEC §4.2). The app is named by name or
 * id in {@code ?app=} or the body. Answers never repeat a value except to {@code GET}.
 */
final class EnvVarsRoutes {
    private final Fazt fazt;

    EnvVarsRoutes(Fazt fazt) {
        this.fazt = fazt;
    }

    /** {@code ?app=}: {@code {"KEY": "value", …}} sorted by key. */
    Object list(ApiCall call) {
        return fazt.envVars().all(app(call.query("app")).id());
    }

    /** Body {@code {"app", "key", "value"}}; creates or replaces the variable. */
    Object set(ApiCall call) {
        JsonNode body = call.json();
        String app = ApiCall.text(body, "app");
        String key = ApiCall.text(body, "key");
        JsonNode value = body.get("value");
        if (value == null || value.isNull()) throw FaztException.invalid("value is required (it may be \"\")");
        if (!value.isValueNode()) throw FaztException.invalid("value must be a string, not a JSON " + value.getNodeType().name().toLowerCase(Locale.ROOT));
        fazt.envVars().set(app(app).id(), key, value.asText());
        return new Created(answer(app, key));
    }

    /** {@code ?app=&key=}. */
    Object delete(ApiCall call) {
        String app = call.query("app");
        String key = call.query("key");
        if (key == null) throw FaztException.invalid("key is required: DELETE /api/envvars?app=NAME&key=KEY");
        fazt.envVars().removeExisting(app(app), key);
        return Map.of("deleted", key);
    }

    private AppInfo app(String ref) {
        if (ref == null || ref.isBlank()) throw FaztException.invalid("app is required: the app's name or id");
        return fazt.apps().get(ref);
    }

    private static Map<String, String> answer(String app, String key) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("app", app);
        a.put("key", key);
        return a;
    }
}
