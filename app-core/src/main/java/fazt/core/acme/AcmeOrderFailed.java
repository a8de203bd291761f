package fazt.core.acme;

import fazt.core.FaztException;
import java.time.Instant;
import java.util.Optional;

/**
 * An order that did not end in a certificate. The message says why in words, with the CA's own
 * reason where it gave one; {@link #retryAfter()} is the earliest time the CA asked us to try again.
 */
public final class AcmeOrderFailed extends FaztException {
    private final transient Instant retryAfter;

    public AcmeOrderFailed(String message) {
        this(message, null);
    }

    public AcmeOrderFailed(String message, Instant retryAfter) {
        super(Kind.UNAVAILABLE, "ACME_ORDER_FAILED", message);
        this.retryAfter = retryAfter;
    }

    /** When the CA said to come back (a rate limit's Retry-After), if it said so. */
    public Optional<Instant> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
