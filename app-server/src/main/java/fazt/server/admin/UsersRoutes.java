package fazt.server.admin;

import fazt.core.Fazt;
import java.util.Map;

/** {@code /api/users…} (SPEC §6.3): app users, their roles; deleting one ends their sessions at once. */
final class UsersRoutes {
    private final Fazt fazt;

    UsersRoutes(Fazt fazt) {
        this.fazt = fazt;
    }

    Object list(ApiCall call) {
        return fazt.users().list();
    }

    /** Body {@code {role}}: user or admin (the owner is the one who signs in with the password). */
    Object setRole(ApiCall call) {
        return fazt.users().setRole(call.param("id"), ApiCall.text(call.json(), "role"));
    }

    Object delete(ApiCall call) {
        fazt.users().delete(call.param("id"));
        return Map.of("deleted", call.param("id"));
    }
}
