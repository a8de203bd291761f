package fazt.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Fazt;
import java.util.Map;

/** {@code /api/certs}: the certificates HTTPS serves (issue 12); private keys go in and never come out. */
final class CertsRoutes {
    private final Fazt fazt;

    CertsRoutes(Fazt fazt) {
        this.fazt = fazt;
    }

    Object list(ApiCall call) {
        return fazt.certificates().list();
    }

    /** Body {@code {"cert": full chain PEM, "key": private key PEM}}; imports the owner's certificate. */
    Object put(ApiCall call) {
        JsonNode body = call.json();
        return fazt.certificates().importPem(ApiCall.text(body, "cert"), ApiCall.text(body, "key"));
    }

    Object delete(ApiCall call) {
        String name = call.param("name");
        fazt.certificates().remove(name);
        return Map.of("deleted", name);
    }
}
