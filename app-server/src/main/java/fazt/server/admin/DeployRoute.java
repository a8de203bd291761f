package fazt.server.admin;

import fazt.core.Fazt;
import fazt.core.FaztException;

/**
 * {@code POST /api/deploy} (SPEC §3.2): multipart with {@code file}, {@code site_name} and
 * {@code spa}; or, for scripts, a raw zip body ({@code Content-Type: application/zip}) with
 * {@code ?name=} and {@code ?spa=}. The limits and who may deploy what are the engine's
 * ({@link fazt.core.apps.Apps#deployZip}); this only reads the request.
 */
final class DeployRoute implements Endpoint {
    /** Room for the multipart framing around the zip. */
    private static final long MULTIPART_OVERHEAD = 64 * 1024;

    private final Fazt fazt;

    DeployRoute(Fazt fazt) {
        this.fazt = fazt;
    }

    @Override
    public Object handle(ApiCall call) {
        long maxUpload = fazt.apps().limits().maxUploadBytes();
        byte[] zip;
        String name;
        String spa;
        if (Multipart.isMultipart(call.contentType())) {
            Multipart form = Multipart.parse(call.contentType(), call.body(maxUpload + MULTIPART_OVERHEAD));
            zip = form.bytes("file");
            if (zip == null) throw FaztException.invalid("the form has no 'file' part with the zip");
            name = form.text("site_name");
            spa = form.text("spa");
        } else {
            zip = call.body(maxUpload);
            name = call.query("name");
            spa = call.query("spa");
        }
        Boolean spaFlag = spa == null || spa.isBlank() ? null : Boolean.valueOf(spa.equals("true") || spa.equals("1") || spa.equals("on"));
        return fazt.apps().deployZip(zip, name, spaFlag, call.scope());
    }
}
