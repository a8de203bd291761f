package fazt.server;

import fazt.core.Fazt;
import fazt.core.identity.Users;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The development sign-in (SPEC §6.3): {@code POST /auth/dev} with an email and a role signs in
 * without any provider. It exists only while the owner has set {@code dev_login=true} and the
 * request shows no sign of HTTPS; otherwise the path answers 404 as if there were no such thing.
 * Its users have provider {@code dev} and are never linked to real accounts by email.
 */
final class DevLogin {
    static final String PROVIDER = "dev";

    private final Fazt fazt;
    private final PublicOrigin origin;

    DevLogin(Fazt fazt, PublicOrigin origin) {
        this.fazt = fazt;
        this.origin = origin;
    }

    boolean available(Request request) {
        return Boolean.parseBoolean(fazt.config().get("dev_login").trim()) && !origin.mayBeHttps(request);
    }

    void handle(Request request, Response response, Callback callback, OAuthRoutes routes) {
        if (!available(request)) {
            Http.sendText(response, callback, 404, "not found\n");
            return;
        }
        if (!request.getMethod().equals("POST")) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            Http.sendText(response, callback, 405, "use POST /auth/dev with email and role\n");
            return;
        }
        FormBody form = FormBody.read(request);
        String email = form.get("email");
        String role = form.get("role") == null ? "user" : form.get("role").toLowerCase(Locale.ROOT);
        String problem = email == null || email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+")
                ? "give an email address like you@example.com"
                : !role.equals("user") && !role.equals("admin") ? "the role must be user or admin" : null;
        if (problem != null) {
            if (form.json()) Http.sendError(response, callback, 400, "INVALID_REQUEST", problem);
            else AuthPages.send(response, callback, 400, AuthPages.error("Sign-in failed", problem, "/auth/login"));
            return;
        }
        Optional<String> redirect = form.json() ? Optional.of("/")
                : routes.checkedRedirect(form.get("redirect"), request, response, callback);
        if (redirect.isEmpty()) return;
        String normalized = email.toLowerCase(Locale.ROOT);
        Users.User user = fazt.users().signIn(new Users.SignIn(PROVIDER, normalized, normalized, false,
                normalized.substring(0, normalized.indexOf('@')), null));
        user = fazt.users().setRole(user.id(), role);
        routes.startSession(request, response, user);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (form.json()) {
            Http.sendJson(response, callback, 200, Map.of("authenticated", true, "user", AuthRoutes.publicView(user)));
        } else {
            response.getHeaders().put(HttpHeader.LOCATION, redirect.get());
            Http.sendText(response, callback, 302, "signed in\n");
        }
    }
}
