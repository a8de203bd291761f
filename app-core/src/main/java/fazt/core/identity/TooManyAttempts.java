package fazt.core.identity;

import fazt.core.FaztException;

/** Refused before checking: this client failed too often lately; it may try again after {@link #retryAfterSeconds()}. */
public final class TooManyAttempts extends FaztException {
    private final long retryAfterSeconds;

    public TooManyAttempts(String message, long retryAfterSeconds) {
        super(Kind.TOO_MANY_REQUESTS, "TOO_MANY_ATTEMPTS", message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
