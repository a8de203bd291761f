package fazt.core.identity;

import fazt.core.FaztException;
import fazt.core.db.Database;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * The owner's credentials (SPEC §6.1): one username and an argon2id password hash in data.db.
 * Checking a wrong username costs the same as checking a wrong password, so the answer time does
 * not tell whether a username exists.
 */
public final class Owner {
    public static final String DEFAULT_USERNAME = "admin";
    private static final String READABLE = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Verified against when there is no such user, to spend the same time as a real check. */
    private static final String DECOY_HASH = PasswordHasher.hash("decoy password that never matches");

    private final Database db;

    public Owner(Database db) {
        this.db = db;
    }

    public boolean hasCredentials() {
        return username().isPresent();
    }

    public Optional<String> username() {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT username FROM owner WHERE id = 1");
                    ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        });
    }

    /** Sets (or replaces) the owner's username and password. */
    public void setCredentials(String username, String password) {
        if (username == null || !username.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw FaztException.invalid("the username must be 1-64 letters, digits or . _ @ -");
        }
        if (password == null || password.length() < 8 || password.length() > 1024) {
            throw FaztException.invalid("the password must be 8 to 1024 characters long");
        }
        String hash = PasswordHasher.hash(password);
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO owner(id, username, password_hash, updated_at) "
                    + "VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET username = excluded.username, "
                    + "password_hash = excluded.password_hash, updated_at = excluded.updated_at")) {
                p.setString(1, username);
                p.setString(2, hash);
                p.setLong(3, System.currentTimeMillis());
                return p.executeUpdate();
            }
        });
    }

    /**
     * On a data.db without credentials, sets {@code admin} with a generated password and returns
     * that password so that the caller can show it once; otherwise empty.
     */
    public Optional<String> generateIfMissing() {
        if (hasCredentials()) return Optional.empty();
        String password = generatePassword();
        setCredentials(DEFAULT_USERNAME, password);
        return Optional.of(password);
    }

    /** True when both match. Takes one argon2id check whatever the input. */
    public boolean verify(String username, String password) {
        if (username == null || password == null || password.length() > 1024) {
            PasswordHasher.verify("", DECOY_HASH);
            return false;
        }
        Optional<String[]> row = db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT username, password_hash FROM owner WHERE id = 1");
                    ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
            }
        });
        boolean known = row.isPresent() && row.get()[0].equals(username);
        boolean matches = PasswordHasher.verify(password, known ? row.get()[1] : DECOY_HASH);
        return known && matches;
    }

    /** 20 characters in four groups, from an alphabet without look-alikes (about 98 bits). */
    static String generatePassword() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) b.append('-');
            b.append(READABLE.charAt(RANDOM.nextInt(READABLE.length())));
        }
        return b.toString();
    }
}
