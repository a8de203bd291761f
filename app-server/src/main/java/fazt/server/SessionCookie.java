package fazt.server;

import fazt.core.Fazt;
import fazt.core.identity.Sessions;
import fazt.core.identity.Users;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * The {@code fazt_session} cookie (SPEC §6.1): HttpOnly, SameSite=Lax, {@code Secure} under
 * HTTPS, and {@code Domain=.<base>} so that one sign-in covers every app of the instance
 * (no Domain on localhost and bare addresses, where browsers would refuse it). One cookie and
 * one session table serve both the owner and app users.
 */
public final class SessionCookie {
    public static final String NAME = "fazt_session";

    private final Fazt fazt;
    private final ClientAddress client;

    public SessionCookie(Fazt fazt) {
        this.fazt = fazt;
        this.client = new ClientAddress(fazt.config());
    }

    /** The cookie's value, when the request carries one. */
    public static Optional<String> token(Request request) {
        if (!request.getHeaders().contains(HttpHeader.COOKIE)) return Optional.empty();
        List<HttpCookie> cookies = Request.getCookies(request);
        for (HttpCookie c : cookies) {
            if (c.getName().equals(NAME) && !c.getValue().isEmpty()) return Optional.of(c.getValue());
        }
        return Optional.empty();
    }

    public Optional<Sessions.Session> session(Request request) {
        return token(request).flatMap(fazt.sessions()::find);
    }

    /** Who is signed in: the owner (role {@code owner}) or an app user; empty for nobody. */
    public Optional<Users.User> user(Request request) {
        return session(request).flatMap(this::userOf);
    }

    public Optional<Users.User> userOf(Sessions.Session session) {
        if (session.isOwner()) return fazt.owner().username().map(Users::owner);
        return fazt.users().get(session.userId());
    }

    /** Sets the cookie of a new session, replacing any the browser had. */
    public void set(Request request, Response response, Sessions.NewSession session) {
        StringBuilder b = new StringBuilder(NAME).append('=').append(session.token()).append("; Path=/; HttpOnly; SameSite=Lax");
        if (session.persistent()) {
            long seconds = Math.max(0, (session.expiresAt() - System.currentTimeMillis()) / 1000);
            b.append("; Max-Age=").append(seconds);
        }
        finish(b, request, response);
    }

    /** Tells the browser to forget the cookie. */
    public void clear(Request request, Response response) {
        finish(new StringBuilder(NAME).append("=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"), request, response);
    }

    private void finish(StringBuilder b, Request request, Response response) {
        cookieDomain(Request.getServerName(request)).ifPresent(d -> b.append("; Domain=.").append(d));
        if (client.secure(request)) b.append("; Secure");
        response.getHeaders().add(HttpHeader.SET_COOKIE, b.toString());
    }

    /** The base domain the host belongs to, unless that is localhost or an address. */
    Optional<String> cookieDomain(String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        for (String base : fazt.baseDomains()) {
            if (base.equals("localhost") || base.matches("[0-9.]+") || base.contains(":")) continue;
            if (h.equals(base) || h.endsWith("." + base)) return Optional.of(base);
        }
        return Optional.empty();
    }
}
