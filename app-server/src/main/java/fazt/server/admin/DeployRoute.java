package fazt.server.admin;

import fazt.core.Fazt;
import fazt.core.FaztException;
import fazt.core.LocalNode;
import fazt.core.apps.Bundle;
import fazt.core.apps.BundleLimits;

/**
 * {@code POST /api/deploy} (SPEC §3.2): multipart with {@code file}, {@code site_name} and
 * {@code spa}; or, for scripts, a raw zip body ({@code Content-Type: application/zip}) with
 * {@code ?name=} and {@code ?spa=}.
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
        BundleLimits limits = LocalNode.limits(fazt.config());
        byte[] zip;
        String name;
        String spa;
        if (Multipart.isMultipart(call.contentType())) {
            Multipart form = Multipart.parse(call.contentType(), call.body(limits.maxUploadBytes() + MULTIPART_OVERHEAD));
            zip = form.bytes("file");
            if (zip == null) throw FaztException.invalid("the form has no 'file' part with the zip");
            name = form.text("site_name");
            spa = form.text("spa");
        } else {
            zip = call.body(limits.maxUploadBytes());
            name = call.query("name");
            spa = call.query("spa");
        }
        Bundle bundle = Bundle.readZip(zip, limits);
        Boolean spaFlag = spa == null || spa.isBlank() ? null : Boolean.valueOf(spa.equals("true") || spa.equals("1") || spa.equals("on"));
        return fazt.apps().deploy(name, bundle, spaFlag);
    }
}
