package fazt.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Fazt;
import java.util.Map;

/** {@code /api/auth/providers…} (SPEC §6.3): the sign-in providers; the client secret is write-only. */
final class ProvidersRoutes {
    private final Fazt fazt;

    ProvidersRoutes(Fazt fazt) {
        this.fazt = fazt;
    }

    Object list(ApiCall call) {
        return fazt.oauthProviders().list();
    }

    /** Body {@code {client_id, client_secret, issuer, enabled}}; absent fields keep their stored values. */
    Object put(ApiCall call) {
        JsonNode body = call.json();
        JsonNode enabled = body.get("enabled");
        return fazt.oauthProviders().put(call.param("name"), ApiCall.text(body, "client_id"),
                ApiCall.text(body, "client_secret"), ApiCall.text(body, "issuer"),
                enabled == null || enabled.isNull() ? null : enabled.asBoolean());
    }

    Object delete(ApiCall call) {
        fazt.oauthProviders().delete(call.param("name"));
        return Map.of("deleted", call.param("name"));
    }
}
