package fazt.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Fazt;
import java.util.Map;

/** {@code /api/redirects}: the short links that {@code /r/{slug}} follows (SPEC §7). */
final class ShortLinksRoutes {
    private final Fazt fazt;

    ShortLinksRoutes(Fazt fazt) {
        this.fazt = fazt;
    }

    Object list(ApiCall call) {
        return fazt.analytics().shortLinks().list();
    }

    /** Body {@code {"slug", "url"}}; creates the link or points it elsewhere (its clicks are kept). */
    Object set(ApiCall call) {
        JsonNode body = call.json();
        return new Created(fazt.analytics().shortLinks().set(ApiCall.text(body, "slug"), ApiCall.text(body, "url")));
    }

    Object delete(ApiCall call) {
        String slug = call.param("slug");
        fazt.analytics().shortLinks().remove(slug);
        return Map.of("deleted", slug);
    }
}
