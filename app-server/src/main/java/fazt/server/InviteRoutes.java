package fazt.server;

import fazt.core.Fazt;
import fazt.core.FaztException;
import fazt.core.identity.Invites;
import fazt.core.identity.Users;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /auth/invite}: a signed-in user redeems an invite code and gets its role. The link
 * {@code GET /auth/invite?code=…} sends people to sign in first and then shows a button that
 * posts the code; {@code POST /auth/invite} with {@code {code}} (JSON or a form) redeems it
 * ({@link Invites#accept}).
 */
final class InviteRoutes {
    private final Fazt fazt;
    private final SessionCookie cookie;
    private final PublicOrigin origin;

    InviteRoutes(Fazt fazt, SessionCookie cookie, PublicOrigin origin) {
        this.fazt = fazt;
        this.cookie = cookie;
        this.origin = origin;
    }

    void handle(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        switch (request.getMethod()) {
            case "GET", "HEAD" -> page(request, response, callback);
            case "POST" -> redeem(request, response, callback);
            default -> Replies.sendText(response, callback, 405, "use GET or POST /auth/invite\n");
        }
    }

    private void page(Request request, Response response, Callback callback) {
        String code = Request.extractQueryParameters(request).getValue("code");
        if (code == null || code.isBlank()) {
            AuthPages.send(response, callback, 400, AuthPages.error("Invite", "This invite link has no code in it.", null));
            return;
        }
        Optional<Users.User> user = cookie.user(request);
        if (user.isEmpty()) {
            String here = origin.origin(request).orElse("") + "/auth/invite?code=" + AuthPages.encode(code);
            response.getHeaders().put(HttpHeader.LOCATION, "/auth/login?redirect=" + AuthPages.encode(here));
            Replies.sendText(response, callback, 302, "sign in first\n");
            return;
        }
        AuthPages.send(response, callback, 200, AuthPages.invite(code, user.get()));
    }

    private void redeem(Request request, Response response, Callback callback) {
        FormBody form = FormBody.read(request);
        Optional<Users.User> signedIn = cookie.user(request);
        try {
            if (signedIn.isEmpty()) {
                throw new FaztException(FaztException.Kind.UNAUTHORIZED, "UNAUTHORIZED", "sign in first, then redeem the invite");
            }
            Invites.Accepted accepted = fazt.invites().accept(fazt.users(), signedIn.get(), form.get("code"));
            Users.User now = accepted.user();
            if (form.json()) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("granted", accepted.granted());
                out.put("user", now.publicFields());
                Replies.sendJson(response, callback, 200, out);
            } else {
                AuthPages.send(response, callback, 200, AuthPages.done("Invite accepted",
                        "You now have the role " + now.role() + ".", "/"));
            }
        } catch (FaztException e) {
            if (form.json()) Replies.sendError(response, callback, e);
            else AuthPages.send(response, callback, e.kind().status, AuthPages.error("Invite", e.getMessage(), null));
        }
    }
}
