package fazt.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Fazt;
import fazt.core.FaztException;
import java.util.Map;

/** {@code /api/apps…}: list, get, delete, versions, rollback, files, scheduled jobs. */
final class AppsRoutes {
    private final Fazt fazt;

    AppsRoutes(Fazt fazt) {
        this.fazt = fazt;
    }

    Object list(ApiCall call) {
        return fazt.apps().list();
    }

    Object get(ApiCall call) {
        return fazt.apps().get(call.param("app"));
    }

    Object delete(ApiCall call) {
        String ref = call.param("app");
        fazt.apps().delete(ref);
        return Map.of("deleted", ref);
    }

    Object versions(ApiCall call) {
        return fazt.apps().versions(call.param("app"));
    }

    /** Body {@code {"version": N}}; without it, the version before the active one. */
    Object rollback(ApiCall call) {
        JsonNode body = call.json();
        JsonNode v = body.get("version");
        Integer version = null;
        if (v != null && !v.isNull()) {
            if (!v.canConvertToInt() || !v.isIntegralNumber()) throw FaztException.invalid("version must be a whole number");
            version = v.asInt();
        }
        return fazt.apps().rollback(call.param("app"), version);
    }

    Object files(ApiCall call) {
        return fazt.apps().files(call.param("app"));
    }

    Object schedules(ApiCall call) {
        return fazt.schedules().list(fazt.apps().get(call.param("app")).id());
    }

    /** Body {@code {"path": "/api/…"}}: runs that job now and answers how it went. */
    Object runSchedule(ApiCall call) {
        String path = ApiCall.text(call.json(), "path");
        if (path == null) throw FaztException.invalid("give the job's path: {\"path\": \"/api/…\"}");
        return fazt.schedules().runNow(fazt.apps().get(call.param("app")).id(), path);
    }
}
