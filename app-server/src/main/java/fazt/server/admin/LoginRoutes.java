package fazt.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Fazt;
import fazt.core.identity.OwnerAccount;
import fazt.core.identity.Sessions;
import fazt.server.ClientAddress;
import fazt.server.SessionCookie;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The owner's sign-in (SPEC §6.1): {@code /api/login}, {@code /api/logout}, {@code /api/auth/status}. */
final class LoginRoutes {
    private final Fazt fazt;
    private final SessionCookie cookie;
    private final ClientAddress clientAddress;

    LoginRoutes(Fazt fazt, SessionCookie cookie) {
        this.fazt = fazt;
        this.cookie = cookie;
        this.clientAddress = new ClientAddress(fazt.config());
    }

    /** Body {@code {username, password, remember_me}}: signs the owner in ({@link OwnerAccount#signIn}) and sets the cookie. */
    Object login(ApiCall call) {
        JsonNode body = call.json();
        String username = ApiCall.text(body, "username");
        Sessions.NewSession session = fazt.ownerAccount().signIn(clientAddress.of(call.request()), username,
                ApiCall.text(body, "password"), body.path("remember_me").asBoolean(false),
                SessionCookie.token(call.request()).orElse(null));
        cookie.set(call.request(), call.response(), session);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("username", username);
        out.put("expires_at", session.expiresAt());
        return out;
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
