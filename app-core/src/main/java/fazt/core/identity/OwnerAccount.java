package fazt.core.identity;

import fazt.core.FaztException;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner's account (SPEC §6.1): signing in with the password, changing it, and the password
 * made on a first start. Sign-in attempts are throttled per client address
 * and each counts as a failure until it succeeds, so a burst cannot slip past the limit; the
 * password is checked with one argon2id run whatever the username, so the answer's timing does
 * not tell whether a username exists.
 */
public final class OwnerAccount {
    private static final Logger log = LoggerFactory.getLogger(OwnerAccount.class);
    /** Each argon2id check takes 19 MiB and a core's worth of work. */
    private static final int CONCURRENT_CHECKS = 4;

    private final Owner owner;
    private final Sessions sessions;
    private final FailureThrottle throttle;
    private final Semaphore checking = new Semaphore(CONCURRENT_CHECKS);

    /** What changing the credentials did: the username now in force and how many sessions it ended. */
    public record CredentialsSet(String username, int sessionsEnded) {}

    public OwnerAccount(Owner owner, Sessions sessions, FailureThrottle throttle) {
        this.owner = owner;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    /**
     * A new owner session for {@code clientAddress} when the username and password are right; the
     * session the browser brought along ({@code broughtToken}, may be null) is ended, never reused.
     */
    public Sessions.NewSession signIn(String clientAddress, String username, String password, boolean rememberMe,
            String broughtToken) {
        long wait = throttle.reserve(clientAddress);
        if (wait > 0) {
            throw new TooManyAttempts("too many failed sign-ins from this address; try again in " + wait + " s", wait);
        }
        if (!verify(username, password)) {
            log.info("failed owner sign-in from {}", clientAddress);
            throw new FaztException(FaztException.Kind.UNAUTHORIZED, "INVALID_CREDENTIALS", "wrong username or password");
        }
        throttle.succeeded(clientAddress);
        log.info("owner signed in from {}", clientAddress);
        return sessions.replace(broughtToken, null, rememberMe);
    }

    /**
     * Sets the owner's username ({@code null} keeps the current one) and password, and signs the
     * owner out everywhere: whoever knew the old password keeps no session.
     */
    public CredentialsSet changeCredentials(String username, String password) {
        String name = username != null ? username : owner.username().orElse(Owner.DEFAULT_USERNAME);
        owner.setCredentials(name, password);
        return new CredentialsSet(name, sessions.deleteOwnerSessions());
    }

    /**
     * On a data.db without credentials, sets {@code admin} with a generated password and returns
     * it, to be shown this once; otherwise empty.
     */
    public Optional<String> generatePasswordIfMissing() {
        return owner.generateIfMissing();
    }

    private boolean verify(String username, String password) {
        checking.acquireUninterruptibly();
        try {
            return owner.verify(username, password);
        } finally {
            checking.release();
        }
    }
}
