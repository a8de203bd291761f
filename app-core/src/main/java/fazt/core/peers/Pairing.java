package fazt.core.peers;

import fazt.core.FaztException;
import fazt.core.Ids;
import fazt.core.Version;
import fazt.core.db.Database;
import fazt.core.identity.ApiKeys;
import fazt.core.identity.FailureThrottle;
import fazt.core.identity.Scope;
import fazt.core.identity.TooManyAttempts;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-time pairing codes (SPEC §10.2). A code is 8 characters from an alphabet without
 * look-alikes, shown as {@code K7QF-9XZ2} and accepted in any case, with or without the dash.
 * Only its SHA-256 is stored. Redeeming is one conditional UPDATE on the single writer, so two
 * redemptions of the same code cannot both succeed; the winner gets a new API key with scope
 * admin, named after the peer that asked.
 */
public final class Pairing {
    /** Letters and digits a person cannot confuse: no 0/O, 1/I/L. */
    static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    static final int LENGTH = 8;
    public static final Duration VALID_FOR = Duration.ofMinutes(10);
    /** Codes used or expired longer ago than this are deleted when a new one is minted. */
    private static final Duration KEEP_SPENT = Duration.ofDays(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger log = LoggerFactory.getLogger(Pairing.class);
    /** Wrong codes per client address in {@link FailureThrottle#WINDOW}; a code has about 40 bits and lives 10 minutes. */
    static final int WRONG_CODES_ALLOWED = 10;

    /** A freshly minted code, as shown to a person. */
    public record Code(String code, long expiresAt) {}

    /** What redeeming a code gives the peer that presented it; the token is shown this once. */
    public record Redeemed(String token, String keyId, String version) {}

    private final Database db;
    private final ApiKeys apiKeys;
    private final Clock clock;
    private final FailureThrottle throttle;

    public Pairing(Database db, ApiKeys apiKeys, Clock clock) {
        this.db = db;
        this.apiKeys = apiKeys;
        this.clock = clock;
        this.throttle = new FailureThrottle(clock::millis, WRONG_CODES_ALLOWED);
    }

    public Code mint() {
        StringBuilder raw = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) raw.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        long now = clock.millis();
        long expiresAt = now + VALID_FOR.toMillis();
        db.write(c -> {
            try (PreparedStatement purge = c.prepareStatement("DELETE FROM pairing_codes WHERE expires_at < ?");
                    PreparedStatement p = c.prepareStatement(
                            "INSERT INTO pairing_codes(code_hash, created_at, expires_at) VALUES (?, ?, ?)")) {
                purge.setLong(1, now - KEEP_SPENT.toMillis());
                purge.executeUpdate();
                p.setString(1, Ids.sha256(raw.toString()));
                p.setLong(2, now);
                p.setLong(3, expiresAt);
                return p.executeUpdate();
            }
        });
        return new Code(raw.substring(0, 4) + "-" + raw.substring(4), expiresAt);
    }

    /**
     * {@link #redeem} for a client that is not trusted yet: past {@value #WRONG_CODES_ALLOWED} wrong
     * codes from {@code clientAddress} in {@link FailureThrottle#WINDOW}, its attempts are refused
     * unchecked until the window has passed.
     */
    public Redeemed redeemFrom(String clientAddress, String code, String peerName) {
        long wait = throttle.retryAfterSeconds(clientAddress);
        if (wait > 0) {
            throw new TooManyAttempts("too many wrong pairing codes from this address; try again in " + (wait + 59) / 60
                    + " minutes with a fresh code from 'fazt server pair'", wait);
        }
        try {
            Redeemed r = redeem(code, peerName);
            log.info("paired: {} now holds API key {}", peerName, r.keyId());
            return r;
        } catch (FaztException e) {
            if (!"INVALID_REQUEST".equals(e.code())) throttle.failed(clientAddress);
            log.info("refused a pairing code from {}: {}", clientAddress, e.code());
            throw e;
        }
    }

    /**
     * Trades {@code code} for an admin API key named after {@code peerName}. Fails with
     * INVALID_CODE (malformed or unknown), CODE_USED or CODE_EXPIRED.
     */
    public Redeemed redeem(String code, String peerName) {
        String normalized = normalize(code);
        String keyName = keyName(peerName);
        String hash = Ids.sha256(normalized);
        long now = clock.millis();
        int won = db.write(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE pairing_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?")) {
                p.setLong(1, now);
                p.setString(2, hash);
                p.setLong(3, now);
                return p.executeUpdate();
            }
        });
        if (won == 0) throw whyNot(hash);
        ApiKeys.NewKey key = apiKeys.create(keyName, Scope.ADMIN);
        return new Redeemed(key.token(), key.key().id(), Version.get());
    }

    /** The code in its canonical form (8 uppercase characters), or INVALID_CODE. */
    static String normalize(String code) {
        if (code == null) throw invalidCode("a pairing code is needed");
        String c = code.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (c.length() != LENGTH || !c.chars().allMatch(ch -> ALPHABET.indexOf(ch) >= 0)) {
            throw invalidCode("'" + abbreviate(code) + "' is not a pairing code: codes look like K7QF-9XZ2");
        }
        return c;
    }

    private static String keyName(String peerName) {
        if (peerName == null || peerName.isBlank()) {
            throw FaztException.invalid("say who is pairing: 'name' is the name of the instance asking");
        }
        String name = "peer " + peerName.trim();
        if (name.length() > 100) throw FaztException.invalid("the name of the instance asking is too long (at most 95 characters)");
        return name;
    }

    private FaztException whyNot(String hash) {
        Long[] row = db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT used_at, expires_at FROM pairing_codes WHERE code_hash = ?")) {
                p.setString(1, hash);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) return null;
                    long usedAt = rs.getLong(1);
                    return new Long[] {rs.wasNull() ? null : usedAt, rs.getLong(2)};
                }
            }
        });
        if (row == null) return invalidCode("no such pairing code here; run 'fazt server pair' on this instance for a new one");
        if (row[0] != null) {
            return new FaztException(FaztException.Kind.GONE, "CODE_USED",
                    "this pairing code was already used; run 'fazt server pair' on this instance for a new one");
        }
        return new FaztException(FaztException.Kind.GONE, "CODE_EXPIRED", "this pairing code expired (codes are valid "
                + VALID_FOR.toMinutes() + " minutes); run 'fazt server pair' on this instance for a new one");
    }

    private static FaztException invalidCode(String message) {
        return new FaztException(FaztException.Kind.INVALID, "INVALID_CODE", message);
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "…";
    }
}
