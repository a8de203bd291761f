package fazt.server;

import fazt.core.Fazt;
import fazt.core.identity.Users;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /auth/*} on every host (SPEC §6.3): who is signed in, sign-out, and the desktop's
 * hand-off link that opens the dashboard signed in; app users' sign-in ({@link OAuthRoutes}),
 * the development sign-in ({@link DevLogin}) and invites ({@link InviteRoutes}).
 */
final class AuthRoutes {
    private final Fazt fazt;
    private final SessionCookie cookie;
    private final OAuthRoutes oauth;
    private final DevLogin devLogin;
    private final InviteRoutes invites;

    AuthRoutes(Fazt fazt, SessionCookie cookie) {
        this.fazt = fazt;
        this.cookie = cookie;
        PublicOrigin origin = new PublicOrigin(fazt, cookie);
        SignInSteps steps = new SignInSteps(fazt, cookie, origin);
        this.devLogin = new DevLogin(fazt, steps);
        this.oauth = new OAuthRoutes(fazt, cookie, origin, steps);
        this.invites = new InviteRoutes(fazt, cookie, origin);
    }

    /** Answers {@code /auth/*}; false when the path is not one of ours (the caller sends 404). */
    boolean handle(String path, Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (method.equals("POST") && !IncomingRequests.isSameOrigin(request)) {
            // sign-out, development sign-in and invites act on the visitor's cookie: only from this very site
            Replies.sendError(response, callback, 403, "CROSS_ORIGIN", "POST " + path + " must come from a page of " +
                    "this site (its Origin header must name this host)");
            return true;
        }
        switch (path) {
            case "/auth/session" -> session(request, response, callback);
            case "/auth/logout" -> {
                if (method.equals("POST") || method.equals("GET")) logout(request, response, callback);
                else Replies.sendError(response, callback, 405, "METHOD_NOT_ALLOWED", "use POST /auth/logout");
            }
            case "/auth/handoff" -> handoff(request, response, callback);
            case "/auth/dev" -> devLogin.handle(request, response, callback);
            case "/auth/invite" -> invites.handle(request, response, callback);
            default -> {
                return oauth.handle(path, request, response, callback);
            }
        }
        return true;
    }

    /** {@code {authenticated, user}}: never cached, since the answer depends on the cookie. */
    private void session(Request request, Response response, Callback callback) {
        Optional<Users.User> user = cookie.user(request);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("authenticated", user.isPresent());
        out.put("user", user.map(Users.User::publicFields).orElse(null));
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Replies.sendJson(response, callback, 200, out);
    }

    /** POST answers JSON; GET (a link in a page) goes back to the site's front page. */
    private void logout(Request request, Response response, Callback callback) {
        SessionCookie.token(request).ifPresent(fazt.sessions()::delete);
        cookie.clear(request, response);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (request.getMethod().equals("POST")) {
            Replies.sendJson(response, callback, 200, Map.of("authenticated", false));
        } else {
            response.getHeaders().put(HttpHeader.LOCATION, "/");
            Replies.sendText(response, callback, 302, "signed out\n");
        }
    }

    /** Trades a one-time code minted by the desktop for an owner session, then opens the dashboard. */
    private void handoff(Request request, Response response, Callback callback) {
        String code = Request.extractQueryParameters(request).getValue("code");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (!fazt.handoffCodes().redeem(code)) {
            Replies.sendText(response, callback, 403,
                    "this sign-in link was already used or has expired; open the dashboard from the fazt window again\n");
            return;
        }
        cookie.set(request, response, fazt.sessions().replace(SessionCookie.token(request).orElse(null), null, false));
        response.getHeaders().put(HttpHeader.LOCATION, "/");
        Replies.sendText(response, callback, 302, "signed in\n");
    }
}
