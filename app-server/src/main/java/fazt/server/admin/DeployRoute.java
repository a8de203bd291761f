package fazt.server.admin;

import fazt.core.Fazt;
import fazt.core.FaztException;
import fazt.core.LocalNode;
import fazt.core.apps.AppNames;
import fazt.core.apps.Bundle;
import fazt.core.apps.BundleLimits;
import fazt.core.identity.Scope;

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
        requireAdminForSystemApps(call, name != null && !name.isBlank() ? name : bundle.manifestName());
        Boolean spaFlag = spa == null || spa.isBlank() ? null : Boolean.valueOf(spa.equals("true") || spa.equals("1") || spa.equals("on"));
        return fazt.apps().deploy(name, bundle, spaFlag);
    }

    /**
     * The landing app is served on the admin host, the origin of the admin API: its pages could
     * act with the owner's session. So only an admin may publish it (and the 404 page with it), never
     * a deploy key, which would otherwise turn itself into an admin key through the owner's browser.
     */
    private void requireAdminForSystemApps(ApiCall call, String requested) {
        if (requested == null || call.scope().allows(Scope.ADMIN)) return;
        String name = AppNames.normalize(requested, fazt.baseDomains());
        if (AppNames.isSystemApp(name)) {
            throw new FaztException(FaztException.Kind.FORBIDDEN, "FORBIDDEN",
                    "'" + name + "' is a system app served on the admin host; deploying it needs an admin key");
        }
    }
}
