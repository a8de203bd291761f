package fazt.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Fazt;
import fazt.core.identity.Scope;
import java.util.Map;

/** {@code /api/keys…} (SPEC §6.2). */
final class KeysRoutes {
    private final Fazt fazt;

    KeysRoutes(Fazt fazt) {
        this.fazt = fazt;
    }

    Object list(ApiCall call) {
        return fazt.apiKeys().list();
    }

    /** Body {@code {"name", "scope"}}; the answer holds the token, shown this once. */
    Object create(ApiCall call) {
        JsonNode body = call.json();
        String scope = ApiCall.text(body, "scope");
        return new Created(fazt.apiKeys().create(ApiCall.text(body, "name"),
                scope == null ? Scope.ADMIN : Scope.parse(scope)));
    }

    Object delete(ApiCall call) {
        fazt.apiKeys().delete(call.param("id"));
        return Map.of("deleted", call.param("id"));
    }
}
