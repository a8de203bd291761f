package fazt.core.identity;

import fazt.core.FaztException;
import fazt.core.Ids;
import fazt.core.changes.ChangeKind;
import fazt.core.db.Database;
import fazt.core.db.NullableColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * People who sign in to apps (SPEC §6.3). A sign-in is found by (provider, subject). A new
 * account links to an existing user only when both sides' email is verified by their provider
 * (so nobody can claim someone else's address through a provider that does not check it, or
 * through the development sign-in, and later inherit their account); otherwise a user with role
 * {@code user} is created. A verified email is never replaced by an unverified one. Deleting a
 * user deletes their sessions (foreign key cascade).
 */
public final class Users {
    /** The roles an app user can be given; {@code owner} belongs to the owner alone. */
    public static final List<String> USER_ROLES = List.of("user", "admin");
    /** The provider of the development sign-in; its users are never linked to real accounts by email. */
    public static final String DEV_PROVIDER = "dev";
    /** The id and provider the owner has when seen as a user of an app. */
    public static final String OWNER_ID = "owner";

    /** An app user as stored; the owner appears as one too ({@link #owner}). */
    public record User(String id, String email, String name, String picture, String role, String provider,
            long createdAt, Long lastLoginAt) {
        /** The fields apps see (SPEC §6.3), in {@code fazt.auth.getUser()} and {@code /auth/session}. */
        public Map<String, Object> publicFields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("email", email);
            m.put("name", name);
            m.put("picture", picture);
            m.put("role", role);
            m.put("provider", provider);
            return m;
        }
    }

    /** What a provider said about the person signing in. */
    public record SignIn(String provider, String subject, String email, boolean emailVerified, String name,
            String picture) {}

    private static final String COLUMNS = "id, email, name, picture, role, provider, created_at, last_login_at";

    private final Database db;
    private final LongSupplier clock;

    public Users(Database db, LongSupplier clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The owner as an app sees them: role {@code owner} on every app. */
    public static User owner(String username) {
        return new User(OWNER_ID, null, username, null, "owner", OWNER_ID, 0, null);
    }

    /** Finds, links or creates the user for a completed sign-in, and records the login. */
    public User signIn(SignIn in) {
        if (in.provider() == null || in.subject() == null || in.subject().isBlank()) {
            throw FaztException.invalid("the provider did not say who signed in");
        }
        long now = clock.getAsLong();
        SignedIn signedIn = db.write(c -> {
            String userId = byIdentity(c, in.provider(), in.subject());
            if (userId == null && in.emailVerified() && in.email() != null) userId = byVerifiedEmail(c, in.email());
            boolean created = userId == null;
            if (created) {
                userId = Ids.newId("usr");
                try (PreparedStatement p = c.prepareStatement("INSERT INTO users(id, email, email_verified, name, picture, "
                        + "provider, role, created_at) VALUES (?, ?, ?, ?, ?, ?, 'user', ?)")) {
                    p.setString(1, userId);
                    p.setString(2, in.email());
                    p.setInt(3, in.emailVerified() && in.email() != null ? 1 : 0);
                    p.setString(4, in.name());
                    p.setString(5, in.picture());
                    p.setString(6, in.provider());
                    p.setLong(7, now);
                    p.executeUpdate();
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT OR IGNORE INTO user_identities(provider, subject, "
                    + "user_id, created_at) VALUES (?, ?, ?, ?)")) {
                p.setString(1, in.provider());
                p.setString(2, in.subject());
                p.setString(3, userId);
                p.setLong(4, now);
                p.executeUpdate();
            }
            // a verified email replaces any; an unverified one only an unverified one
            boolean verified = in.emailVerified() && in.email() != null;
            try (PreparedStatement p = c.prepareStatement("UPDATE users SET provider = ?, last_login_at = ?, "
                    + "email = CASE WHEN ? = 1 OR email_verified = 0 THEN COALESCE(?, email) ELSE email END, "
                    + "email_verified = MAX(email_verified, ?), name = COALESCE(?, name), picture = COALESCE(?, picture) "
                    + "WHERE id = ?")) {
                p.setString(1, in.provider());
                p.setLong(2, now);
                p.setInt(3, verified ? 1 : 0);
                p.setString(4, in.email());
                p.setInt(5, verified ? 1 : 0);
                p.setString(6, in.name());
                p.setString(7, in.picture());
                p.setString(8, userId);
                p.executeUpdate();
            }
            return new SignedIn(userId, created);
        });
        db.changes().publish(signedIn.created() ? ChangeKind.USER_CREATED : ChangeKind.USER_SIGNED_IN, null, signedIn.id());
        return get(signedIn.id()).orElseThrow();
    }

    /** Who a sign-in was, and whether it made them a user. */
    private record SignedIn(String id, boolean created) {}

    private static String byIdentity(Connection c, String provider, String subject) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT user_id FROM user_identities WHERE provider = ? AND subject = ?")) {
            p.setString(1, provider);
            p.setString(2, subject);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String byVerifiedEmail(Connection c, String email) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM users WHERE email = ? COLLATE NOCASE"
                + " AND email_verified = 1 ORDER BY created_at LIMIT 1")) {
            p.setString(1, email);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    public Optional<User> get(String id) {
        List<User> found = query("SELECT " + COLUMNS + " FROM users WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public List<User> list() {
        return query("SELECT " + COLUMNS + " FROM users ORDER BY created_at", null);
    }

    /** Gives an app user the role {@code user} or {@code admin}. */
    public User setRole(String id, String role) {
        if (OWNER_ID.equals(id)) {
            throw FaztException.conflict("the owner's role is always owner and cannot change; roles are for the people who sign in to apps");
        }
        requireUserRole(role);
        if (change("UPDATE users SET role = ? WHERE id = ?", role, id) == 0) throw noSuchUser(id);
        db.changes().publish(ChangeKind.USER_ROLE_CHANGED, null, id);
        return get(id).orElseThrow();
    }

    /** Raises the user's role to {@code role}, never lowers it (an invite never demotes an admin). */
    public User raiseRole(User user, String role) {
        return USER_ROLES.indexOf(requireUserRole(role)) > USER_ROLES.indexOf(user.role()) ? setRole(user.id(), role) : user;
    }

    /**
     * The development sign-in (SPEC §6.3): signs in {@code email} with {@code role} (null: user)
     * without any provider. Whether it is turned on is the caller's to check.
     */
    public User signInForDevelopment(String email, String role) {
        if (email == null || email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw FaztException.invalid("give an email address like you@example.com");
        }
        String wanted = requireUserRole(role == null ? "user" : role.toLowerCase(Locale.ROOT));
        String normalized = email.toLowerCase(Locale.ROOT);
        User user = signIn(new SignIn(DEV_PROVIDER, normalized, normalized, false,
                normalized.substring(0, normalized.indexOf('@')), null));
        return setRole(user.id(), wanted);
    }

    private static String requireUserRole(String role) {
        if (role == null || !USER_ROLES.contains(role)) throw FaztException.invalid("role must be user or admin, not '" + role + "'");
        return role;
    }

    /** Deletes a user, their linked accounts and their sessions. */
    public void delete(String id) {
        if (OWNER_ID.equals(id)) {
            throw FaztException.conflict("the owner cannot be deleted; change the owner's credentials instead (fazt server set-credentials)");
        }
        if (change("DELETE FROM users WHERE id = ?", id, null) == 0) throw noSuchUser(id);
        db.changes().publish(ChangeKind.USER_DELETED, null, id);
    }

    private static FaztException noSuchUser(String id) {
        return FaztException.notFound("no user '" + id + "'");
    }

    private int change(String sql, String first, String second) {
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, first);
                if (second != null) p.setString(2, second);
                return p.executeUpdate();
            }
        });
    }

    private List<User> query(String sql, String param) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                if (param != null) p.setString(1, param);
                List<User> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getLong(7), NullableColumns.longOrNull(rs, 8)));
                    }
                }
                return out;
            }
        });
    }
}
