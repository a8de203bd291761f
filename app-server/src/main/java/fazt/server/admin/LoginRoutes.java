package fazt.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Fazt;
import fazt.core.FaztException;
import fazt.core.identity.Sessions;
import fazt.server.ClientAddress;
import fazt.server.SessionCookie;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.http.HttpHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The owner's sign-in (SPEC §6.1): {@code /api/login}, {@code /api/logout}, {@code /api/auth/status}. */
final class LoginRoutes {
    private static final Logger log = LoggerFactory.getLogger(LoginRoutes.class);
    private static final int CONCURRENT_CHECKS = 4;

    private final Fazt fazt;
    private final SessionCookie cookie;
    private final ClientAddress clientAddress;
    private final Semaphore checking = new Semaphore(CONCURRENT_CHECKS);

    LoginRoutes(Fazt fazt, SessionCookie cookie) {
        this.fazt = fazt;
        this.cookie = cookie;
        this.clientAddress = new ClientAddress(fazt.config());
    }

    /**
     * Checks the password (one argon2id check whatever the username), throttles attempts per
     * client address (each counts as a failure until it succeeds, so a burst cannot slip past the
     * limit), and starts a fresh session: a session id the browser brought along is
     * ended, never reused (no session fixation).
     */
    Object login(ApiCall call) {
        String address = clientAddress.of(call.request());
        long wait = fazt.loginThrottle().reserve(address);
        if (wait > 0) {
            call.response().getHeaders().put(HttpHeader.RETRY_AFTER, wait);
            throw new FaztException(FaztException.Kind.TOO_MANY_REQUESTS, "TOO_MANY_ATTEMPTS",
                    "too many failed sign-ins from this address; try again in " + wait + " s");
        }
        JsonNode body = call.json();
        String username = ApiCall.text(body, "username");
        String password = ApiCall.text(body, "password");
        boolean remember = body.path("remember_me").asBoolean(false);
        if (!verify(username, password)) {
            log.info("failed owner sign-in from {}", address);
            throw new FaztException(FaztException.Kind.UNAUTHORIZED, "INVALID_CREDENTIALS", "wrong username or password");
        }
        fazt.loginThrottle().succeeded(address);
        SessionCookie.token(call.request()).ifPresent(fazt.sessions()::delete);
        Sessions.NewSession session = fazt.sessions().create(null, remember);
        cookie.set(call.request(), call.response(), session);
        log.info("owner signed in from {}", address);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("username", username);
        out.put("expires_at", session.expiresAt());
        return out;
    }

    /** At most {@value #CONCURRENT_CHECKS} argon2id checks at once: each takes 19 MiB and a core's worth of work. */
    private boolean verify(String username, String password) {
        checking.acquireUninterruptibly();
        try {
            return fazt.owner().verify(username, password);
        } finally {
            checking.release();
        }
    }

    Object logout(ApiCall call) {
        SessionCookie.token(call.request()).ifPresent(fazt.sessions()::delete);
        cookie.clear(call.request(), call.response());
        return Map.of("signed_out", true);
    }

    Object status(ApiCall call) {
        Optional<Sessions.Session> session = cookie.session(call.request()).filter(Sessions.Session::isOwner);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("authenticated", session.isPresent());
        out.put("username", session.isPresent() ? fazt.owner().username().orElse(null) : null);
        out.put("expires_at", session.map(Sessions.Session::expiresAt).orElse(null));
        out.put("has_credentials", fazt.owner().hasCredentials());
        return out;
    }
}
