package fazt.server;

import fazt.core.Fazt;
import fazt.core.FaztException;
import fazt.core.identity.Users;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /auth/dev} (SPEC §6.3): the development sign-in with an email and a role, without
 * any provider ({@link Users#signInForDevelopment}). While it is off (see
 * {@link SignInSteps#developmentSignInOn}) the path answers 404 as if there were no such thing.
 */
final class DevLogin {
    private final Fazt fazt;
    private final SignInSteps steps;

    DevLogin(Fazt fazt, SignInSteps steps) {
        this.fazt = fazt;
        this.steps = steps;
    }

    void handle(Request request, Response response, Callback callback) {
        if (!steps.developmentSignInOn(request)) {
            Replies.sendText(response, callback, 404, "not found\n");
            return;
        }
        if (!request.getMethod().equals("POST")) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            Replies.sendText(response, callback, 405, "use POST /auth/dev with email and role\n");
            return;
        }
        FormBody form = FormBody.read(request);
        Optional<String> redirect = form.json() ? Optional.of("/")
                : steps.checkedRedirect(form.get("redirect"), request, response, callback);
        if (redirect.isEmpty()) return;
        Users.User user;
        try {
            user = fazt.users().signInForDevelopment(form.get("email"), form.get("role"));
        } catch (FaztException e) {
            if (form.json()) Replies.sendError(response, callback, e);
            else AuthPages.send(response, callback, e.kind().status, AuthPages.error("Sign-in failed", e.getMessage(), "/auth/login"));
            return;
        }
        steps.startSession(request, response, user);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (form.json()) {
            Replies.sendJson(response, callback, 200, Map.of("authenticated", true, "user", user.publicFields()));
        } else {
            response.getHeaders().put(HttpHeader.LOCATION, redirect.get());
            Replies.sendText(response, callback, 302, "signed in\n");
        }
    }
}
