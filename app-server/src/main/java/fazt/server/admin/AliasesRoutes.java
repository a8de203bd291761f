package fazt.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Fazt;
import fazt.core.FaztException;
import java.util.Map;

/** {@code /api/aliases…} (SPEC §3.4). */
final class AliasesRoutes {
    private final Fazt fazt;

    AliasesRoutes(Fazt fazt) {
        this.fazt = fazt;
    }

    Object list(ApiCall call) {
        return fazt.aliases().list();
    }

    Object get(ApiCall call) {
        String sub = call.param("subdomain");
        return fazt.aliases().get(sub).orElseThrow(() -> FaztException.notFound("no alias '" + sub + "'"));
    }

    /** Body {@code {"subdomain", "type", "target"}}. */
    Object create(ApiCall call) {
        JsonNode body = call.json();
        String sub = ApiCall.text(body, "subdomain");
        if (sub == null) throw FaztException.invalid("subdomain is required");
        return new Created(fazt.aliases().set(sub, ApiCall.text(body, "type"), ApiCall.text(body, "target")));
    }

    /** Body {@code {"type", "target"}}. */
    Object put(ApiCall call) {
        JsonNode body = call.json();
        return fazt.aliases().set(call.param("subdomain"), ApiCall.text(body, "type"), ApiCall.text(body, "target"));
    }

    Object delete(ApiCall call) {
        String sub = call.param("subdomain");
        fazt.aliases().remove(sub);
        return Map.of("deleted", sub);
    }

    /** Body {@code {"a", "b"}}. */
    Object swap(ApiCall call) {
        JsonNode body = call.json();
        String a = ApiCall.text(body, "a");
        String b = ApiCall.text(body, "b");
        if (a == null || b == null) throw FaztException.invalid("swap needs {\"a\": …, \"b\": …}");
        fazt.aliases().swap(a, b);
        return Map.of("swapped", new String[] {a, b});
    }
}
