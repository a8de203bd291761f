package fazt.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Fazt;
import java.util.Map;

/** {@code /api/redirects}: the short links that {@code /r/{slug}} follows (SPEC §7). */
final class RedirectsRoutes {
    private final Fazt fazt;

    RedirectsRoutes(Fazt fazt) {
        this.fazt = fazt;
    }

    Object list(ApiCall call) {
        return fazt.analytics().redirects().list();
    }

    /** Body {@code {"slug", "url"}}; creates the link or points it elsewhere (its clicks are kept). */
    Object set(ApiCall call) {
        JsonNode body = call.json();
        return new AdminApi.Created(fazt.analytics().redirects().set(ApiCall.text(body, "slug"), ApiCall.text(body, "url")));
    }

    Object delete(ApiCall call) {
        String slug = call.param("slug");
        fazt.analytics().redirects().remove(slug);
        return Map.of("deleted", slug);
    }
}
