package fazt.core.identity;

import fazt.core.FaztException;
import fazt.core.changes.ChangeKind;
import fazt.core.db.Database;
import fazt.core.db.NullableColumns;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Invite codes (SPEC §6.3): the owner makes a code that grants a role, usable a number of times
 * until it expires. Redeeming is one conditional UPDATE on the single writer, so however many
 * people redeem at once, a code is never used more than {@code max_uses} times.
 */
public final class Invites {
    private static final String READABLE = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Invite(String code, String role, int maxUses, int uses, Long expiresAt, long createdAt) {}

    private final Database db;
    private final LongSupplier clock;

    public Invites(Database db, LongSupplier clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The longest an invite can be valid for, in days. */
    public static final int MAX_VALID_DAYS = 3650;

    /**
     * A new code granting {@code role} (null: user) for {@code maxUses} redemptions during
     * {@code validDays} days; 0 days means it never expires.
     */
    public Invite create(String role, int maxUses, long validDays) {
        if (validDays < 0 || validDays > MAX_VALID_DAYS) {
            throw FaztException.invalid("an invite is valid for 0 (never expires) to " + MAX_VALID_DAYS + " days, not " + validDays);
        }
        return create(role == null ? "user" : role, maxUses, validDays == 0 ? null : Duration.ofDays(validDays));
    }

    /** A new code; {@code validFor} null means it never expires. */
    public Invite create(String role, int maxUses, Duration validFor) {
        if (role == null || !Users.USER_ROLES.contains(role)) {
            throw FaztException.invalid("an invite grants role user or admin, not '" + role + "'");
        }
        if (maxUses < 1 || maxUses > 100_000) throw FaztException.invalid("max uses must be 1 to 100000");
        if (validFor != null && (validFor.isNegative() || validFor.isZero())) {
            throw FaztException.invalid("an invite must be valid for a positive time");
        }
        long now = clock.getAsLong();
        Invite invite = new Invite(newCode(), role, maxUses, 0, validFor == null ? null : now + validFor.toMillis(), now);
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO invites(code, role, max_uses, expires_at, created_at) VALUES (?, ?, ?, ?, ?)")) {
                p.setString(1, invite.code());
                p.setString(2, invite.role());
                p.setInt(3, invite.maxUses());
                p.setObject(4, invite.expiresAt());
                p.setLong(5, invite.createdAt());
                return p.executeUpdate();
            }
        });
        // never the code: it is as good as an account, and a read key may follow changes
        db.changes().publish(ChangeKind.INVITE_CREATED, null, null);
        return invite;
    }

    /** Uses the code once and returns the role it grants; fails clearly when unknown, used up or expired. */
    public String redeem(String code) {
        String normalized = normalize(code);
        long now = clock.getAsLong();
        int used = db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE invites SET uses = uses + 1 WHERE code = ? "
                    + "AND uses < max_uses AND (expires_at IS NULL OR expires_at > ?)")) {
                p.setString(1, normalized);
                p.setLong(2, now);
                return p.executeUpdate();
            }
        });
        Invite invite = find(normalized);
        if (invite == null) throw FaztException.notFound("no invite with that code");
        if (used == 1) {
            db.changes().publish(ChangeKind.INVITE_USED, null, null);
            return invite.role();
        }
        if (invite.expiresAt() != null && invite.expiresAt() <= now) {
            throw new FaztException(FaztException.Kind.GONE, "INVITE_EXPIRED", "this invite has expired; ask for a new one");
        }
        throw new FaztException(FaztException.Kind.GONE, "INVITE_USED", "this invite has been used up; ask for a new one");
    }

    /**
     * A signed-in app user redeems {@code code}: it is used once and the user's role is raised to
     * what it grants (never lowered). The owner has every role already and cannot use one up.
     */
    public Accepted accept(Users users, Users.User user, String code) {
        if (Users.OWNER_ID.equals(user.id())) {
            throw FaztException.conflict("the owner has every role already; an invite is for other people");
        }
        String granted = redeem(code);
        return new Accepted(granted, users.raiseRole(user, granted));
    }

    /** The role an invite granted, and the user as they are now. */
    public record Accepted(String granted, Users.User user) {}

    public List<Invite> list() {
        return db.read(c -> {
            List<Invite> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT code, role, max_uses, uses, expires_at, created_at FROM invites ORDER BY created_at");
                    ResultSet rs = p.executeQuery()) {
                while (rs.next()) out.add(row(rs));
            }
            return out;
        });
    }

    public void delete(String code) {
        String normalized = normalize(code);
        int n = db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM invites WHERE code = ?")) {
                p.setString(1, normalized);
                return p.executeUpdate();
            }
        });
        if (n == 0) throw FaztException.notFound("no invite '" + code + "'");
        db.changes().publish(ChangeKind.INVITE_REVOKED, null, null);
    }

    /** Codes are matched in any case, without surrounding spaces. */
    private static String normalize(String code) {
        return code == null ? "" : code.trim().toUpperCase(java.util.Locale.ROOT);
    }

    private Invite find(String code) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT code, role, max_uses, uses, expires_at, created_at FROM invites WHERE code = ?")) {
                p.setString(1, code);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? row(rs) : null;
                }
            }
        });
    }

    private static Invite row(ResultSet rs) throws java.sql.SQLException {
        return new Invite(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                NullableColumns.longOrNull(rs, 5), rs.getLong(6));
    }

    /** 12 characters in three groups, no look-alikes: {@code K7QF-9XZ2-M4PA}. */
    private static String newCode() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 4 == 0) b.append('-');
            b.append(READABLE.charAt(RANDOM.nextInt(READABLE.length())));
        }
        return b.toString();
    }
}
