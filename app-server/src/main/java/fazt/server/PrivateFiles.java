package fazt.server;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.apps.ServedFile;
import fazt.core.apps.VersionIndex;
import fazt.core.identity.Users;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /private/<path>} on an app's host (SPEC §3.5): 401 without a signed-in session,
 * 403 when the manifest's {@code "private": {"roles": [...]}} leaves the user out (the owner is
 * always let in), else the file, with Range, never cached by shared caches. Whether a file
 * exists is only told to someone allowed to read it.
 */
final class PrivateFiles {
    private final SessionCookie cookie;
    private final StaticFiles staticFiles;

    PrivateFiles(SessionCookie cookie, StaticFiles staticFiles) {
        this.cookie = cookie;
        this.staticFiles = staticFiles;
    }

    void serve(VersionIndex index, String path, Request request, Response response, Callback callback) {
        String method = request.getMethod();
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "private, no-store");
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Replies.sendText(response, callback, 405, "method not allowed: private files answer GET and HEAD\n");
            return;
        }
        String rel = path.substring(1);
        if (rel.contains("..") || rel.contains("\\") || rel.contains("//")) {
            Replies.sendText(response, callback, 400, "bad path\n");
            return;
        }
        Optional<Users.User> user = cookie.user(request);
        if (user.isEmpty()) {
            Replies.sendText(response, callback, 401, "sign in to see this file: " + loginPath(index, request) + "\n");
            return;
        }
        if (!allowed(index.manifest(), user.get().role())) {
            Replies.sendText(response, callback, 403, "forbidden: your role (" + user.get().role()
                    + ") may not read this app's private files\n");
            return;
        }
        ServedFile file = index.file(rel);
        if (file == null) {
            Replies.sendText(response, callback, 404, "no such private file\n");
            return;
        }
        staticFiles.sendPrivate(index, file, request, response, callback);
    }

    /** With no roles in the manifest any signed-in user may read; the owner always may. */
    static boolean allowed(JsonNode manifest, String role) {
        if ("owner".equals(role)) return true;
        JsonNode roles = manifest == null ? null : manifest.path("private").path("roles");
        if (roles == null || !roles.isArray() || roles.isEmpty()) return true;
        for (JsonNode r : roles) {
            if (role.equals(r.asText())) return true;
        }
        return false;
    }

    private static String loginPath(VersionIndex index, Request request) {
        return "/auth/login?redirect=" + java.net.URLEncoder.encode(request.getHttpURI().asString(),
                java.nio.charset.StandardCharsets.UTF_8) + "&app=" + index.appName();
    }
}
