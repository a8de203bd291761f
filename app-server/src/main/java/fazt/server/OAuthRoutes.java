package fazt.server;

import fazt.core.Fazt;
import fazt.core.identity.OAuthProviders;
import fazt.core.identity.OAuthSignIn;
import fazt.core.identity.SignInFailed;
import fazt.core.identity.Users;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * App users signing in through a provider (SPEC §6.3): the login page {@code /auth/login}, the
 * start {@code /auth/login/{provider}} and the provider's return {@code /auth/callback/{provider}}.
 *
 * <p>Besides the single-use state, the start sets a short-lived {@code fazt_oauth} cookie holding
 * the state, and the callback only accepts a state that the same browser carries: someone who
 * starts a sign-in with their own account cannot send the callback link to another person and
 * sign them in as themselves.
 */
final class OAuthRoutes {
    static final String STATE_COOKIE = "fazt_oauth";
    private static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private final Fazt fazt;
    private final SessionCookie cookie;
    private final PublicOrigin origin;
    private final SignInSteps steps;

    OAuthRoutes(Fazt fazt, SessionCookie cookie, PublicOrigin origin, SignInSteps steps) {
        this.fazt = fazt;
        this.cookie = cookie;
        this.origin = origin;
        this.steps = steps;
    }

    /** Answers the paths above; false for any other. */
    boolean handle(String path, Request request, Response response, Callback callback) {
        if (path.equals("/auth/login")) {
            loginPage(request, response, callback);
        } else if (path.startsWith("/auth/login/")) {
            start(path.substring("/auth/login/".length()), request, response, callback);
        } else if (path.startsWith("/auth/callback/")) {
            callback(path.substring("/auth/callback/".length()), request, response, callback);
        } else {
            return false;
        }
        return true;
    }

    private void loginPage(Request request, Response response, Callback callback) {
        Fields query = Request.extractQueryParameters(request);
        Optional<String> redirect = steps.checkedRedirect(query.getValue("redirect"), request, response, callback);
        if (redirect.isEmpty()) return;
        List<OAuthProviders.Provider> providers = fazt.oauthProviders().enabled();
        Users.User user = cookie.user(request).orElse(null);
        AuthPages.send(response, callback, 200, AuthPages.login(query.getValue("app"), redirect.get(), providers,
                steps.developmentSignInOn(request), user));
    }

    private void start(String provider, Request request, Response response, Callback callback) {
        if (!PROVIDER.matcher(provider).matches()
                || fazt.oauthProviders().enabled().stream().noneMatch(p -> p.name().equals(provider))) {
            AuthPages.send(response, callback, 404, AuthPages.error("Sign-in not available",
                    "There is no sign-in with '" + provider + "' here.", "/auth/login"));
            return;
        }
        Optional<String> redirect = steps.checkedRedirect(Request.extractQueryParameters(request).getValue("redirect"),
                request, response, callback);
        if (redirect.isEmpty()) return;
        String callbackUri = origin.callbackUri(request, provider).orElseThrow();
        OAuthSignIn.Started started;
        try {
            started = fazt.oauthSignIn().start(provider, callbackUri, redirect.get());
        } catch (SignInFailed e) {
            AuthPages.send(response, callback, 502, AuthPages.error("Sign-in failed", e.getMessage(), null));
            return;
        }
        StringBuilder c = new StringBuilder(STATE_COOKIE).append('=').append(started.state())
                .append("; Path=/auth/callback/; Max-Age=600; HttpOnly; SameSite=Lax");
        cookie.cookieDomain(Request.getServerName(request)).ifPresent(d -> c.append("; Domain=.").append(d));
        if (origin.isHttps(request)) c.append("; Secure");
        response.getHeaders().add(HttpHeader.SET_COOKIE, c.toString());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.LOCATION, started.authorizationUrl().toString());
        Replies.sendText(response, callback, 302, "continue at the sign-in provider\n");
    }

    private void callback(String provider, Request request, Response response, Callback callback) {
        Fields query = Request.extractQueryParameters(request);
        String state = query.getValue("state");
        response.getHeaders().add(HttpHeader.SET_COOKIE, STATE_COOKIE + "=; Path=/auth/callback/; Max-Age=0; HttpOnly; SameSite=Lax"
                + cookie.cookieDomain(Request.getServerName(request)).map(d -> "; Domain=." + d).orElse(""));
        if (state == null || !state.equals(stateCookie(request))) {
            AuthPages.send(response, callback, 400, AuthPages.error("Sign-in failed", "This sign-in was started in "
                    + "another browser, or its cookie was blocked. Please start again.", "/auth/login"));
            return;
        }
        OAuthSignIn.Finished done;
        try {
            done = fazt.oauthSignIn().finish(provider, state, query.getValue("code"), query.getValue("error"));
        } catch (SignInFailed e) {
            AuthPages.send(response, callback, 400, AuthPages.error("Sign-in failed", e.getMessage(), "/auth/login"));
            return;
        }
        steps.startSession(request, response, done.user());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.LOCATION, done.redirect());
        Replies.sendText(response, callback, 302, "signed in\n");
    }

    private static String stateCookie(Request request) {
        if (!request.getHeaders().contains(HttpHeader.COOKIE)) return null;
        for (HttpCookie c : Request.getCookies(request)) {
            if (c.getName().equals(STATE_COOKIE)) return c.getValue();
        }
        return null;
    }
}
