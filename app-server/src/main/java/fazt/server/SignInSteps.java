package fazt.server;

import fazt.core.Fazt;
import fazt.core.identity.Users;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What every way of signing in to an app shares (provider sign-in, development sign-in): where
 * the browser may go afterwards, starting the session, and whether the development sign-in is on.
 * The sign-in routes depend on this and never on each other.
 */
final class SignInSteps {
    private final Fazt fazt;
    private final SessionCookie cookie;
    private final PublicOrigin origin;

    SignInSteps(Fazt fazt, SessionCookie cookie, PublicOrigin origin) {
        this.fazt = fazt;
        this.cookie = cookie;
        this.origin = origin;
    }

    /**
     * The development sign-in exists only while the owner has set {@code dev_login=true} and the
     * request shows no sign of HTTPS.
     */
    boolean developmentSignInOn(Request request) {
        return Boolean.parseBoolean(fazt.config().get("dev_login").trim()) && !origin.mayBeHttps(request);
    }

    /** A fresh session for {@code user}; a session the browser brought along is ended, never kept. */
    void startSession(Request request, Response response, Users.User user) {
        cookie.set(request, response, fazt.sessions().replace(SessionCookie.token(request).orElse(null), user.id(), true));
    }

    /**
     * The redirect as an absolute URL on this instance, or empty after answering 400 (a
     * redirect elsewhere, or a request without a usable Host header).
     */
    Optional<String> checkedRedirect(String redirect, Request request, Response response, Callback callback) {
        Optional<String> here = origin.origin(request);
        Optional<String> target = here.flatMap(o -> AfterSignInUrl.check(redirect, o, fazt.baseDomains()));
        if (target.isEmpty()) {
            AuthPages.send(response, callback, 400, AuthPages.error("Sign-in refused",
                    "This sign-in link would send you to a site other than this one, so it was refused.", null));
        }
        return target;
    }
}
