package fazt.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Fazt;
import fazt.core.FaztException;
import fazt.core.templates.Templates;
import fazt.core.apps.Mime;
import fazt.core.js.FunctionCall;
import java.util.Map;

/** {@code /api/apps…}: list, get, delete, versions, rollback, files, scheduled jobs; a new app from a template. */
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

    Object templates(ApiCall call) {
        return Templates.all();
    }

    /** Body {@code {"name", "template"}}: a new app from a shipped template, as its first version. */
    Object create(ApiCall call) {
        JsonNode body = call.json();
        String name = ApiCall.text(body, "name");
        if (name == null) throw FaztException.invalid("name is required");
        String template = ApiCall.text(body, "template");
        return new Created(fazt.apps().createFromTemplate(name, template == null ? Templates.DEFAULT : template, call.scope()));
    }

    /** {@code ?path=}: one file of the active version, as stored. */
    Object file(ApiCall call) {
        String path = call.query("path");
        if (path == null || path.isBlank()) throw FaztException.invalid("path is required");
        byte[] body = fazt.apps().fileContent(call.param("app"), path);
        return new FileReply(body, Mime.forPath(path), path.substring(path.lastIndexOf('/') + 1), 0);
    }

    /** Body {@code {"method", "path", "body", "contentType"}}: runs the app's function once (MCP {@code call_function} on a peer). */
    Object call(ApiCall call) {
        JsonNode body = call.json(fazt.functions().limits().maxBodyBytes() * 2 + 4096);
        return FunctionCall.run(fazt, call.param("app"), ApiCall.text(body, "method"), ApiCall.text(body, "path"),
                ApiCall.text(body, "body"), ApiCall.text(body, "contentType"));
    }
}
