package fazt.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Fazt;
import java.util.Map;

/** {@code /api/invites…} (SPEC §6.3): codes that grant a role when a signed-in user redeems them. */
final class InvitesRoutes {
    private final Fazt fazt;

    InvitesRoutes(Fazt fazt) {
        this.fazt = fazt;
    }

    Object list(ApiCall call) {
        return fazt.invites().list();
    }

    /** Body {@code {role, max_uses, valid_days}}: defaults user, 1 use, 7 days; {@code valid_days: 0} never expires. */
    Object create(ApiCall call) {
        JsonNode body = call.json();
        String role = ApiCall.text(body, "role");
        int uses = body.path("max_uses").asInt(1);
        long days = body.has("valid_days") ? body.get("valid_days").asLong(-1) : 7;
        return new Created(fazt.invites().create(role, uses, days));
    }

    Object delete(ApiCall call) {
        fazt.invites().delete(call.param("code"));
        return Map.of("deleted", call.param("code"));
    }
}
