package fazt.core.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to renew a certificate and when to try again after a failed order. Pure functions: the
 * caller passes the time and the random source, so tests fix both.
 *
 * <p>Renewal follows the CA's ACME Renewal Information window where it offers one (a uniformly
 * random moment in it, as RFC 9773 asks, so many servers do not renew at once), else two thirds
 * into the certificate's lifetime. Failed orders back off exponentially from
 * {@link #FIRST_RETRY} to {@link #LONGEST_RETRY}, each delay jittered to between half and all of
 * its nominal length, and never earlier than a Retry-After the CA gave.
 */
public final class RenewalPolicy {
    public static final Duration FIRST_RETRY = Duration.ofMinutes(5);
    public static final Duration LONGEST_RETRY = Duration.ofHours(6);

    private RenewalPolicy() {}

    /** When {@code certificate} should be renewed; a moment already past means now. */
    public static Instant renewAt(IssuedCertificate certificate, RandomGenerator random) {
        return renewAt(certificate.notBefore(), certificate.notAfter(), certificate.renewalWindow(), random);
    }

    /** The same from the parts: a random moment in {@code window}, else two thirds of the lifetime. */
    public static Instant renewAt(Instant notBefore, Instant notAfter,
            Optional<IssuedCertificate.RenewalWindow> window, RandomGenerator random) {
        if (notAfter.isBefore(notBefore)) {
            throw new IllegalArgumentException("a certificate that expires (" + notAfter + ") before it starts ("
                    + notBefore + ")");
        }
        if (window.isPresent()) {
            Instant start = window.get().start();
            long spanMillis = Duration.between(start, window.get().end()).toMillis();
            return spanMillis == 0 ? start : start.plusMillis(random.nextLong(spanMillis + 1));
        }
        return notBefore.plus(Duration.between(notBefore, notAfter).multipliedBy(2).dividedBy(3));
    }

    /** Whether renewal is due at {@code now} for a renewal time from {@link #renewAt}. */
    public static boolean isDue(Instant renewAt, Instant now) {
        return !now.isBefore(renewAt);
    }

    /**
     * When to try again after {@code failuresInARow} failed orders (1 for the first failure).
     * {@code caRetryAfter} is the CA's own "not before" (a rate limit), which always wins when later.
     */
    public static Instant nextAttempt(Instant now, int failuresInARow, Optional<Instant> caRetryAfter,
            RandomGenerator random) {
        if (failuresInARow < 1) {
            throw new IllegalArgumentException("a retry needs at least one failure, not " + failuresInARow);
        }
        Duration nominal = nominalDelay(failuresInARow);
        long halfMillis = nominal.toMillis() / 2;
        Instant ours = now.plusMillis(halfMillis + random.nextLong(nominal.toMillis() - halfMillis + 1));
        return caRetryAfter.filter(ours::isBefore).orElse(ours);
    }

    /** The delay before jitter: FIRST_RETRY doubled per further failure, at most LONGEST_RETRY. */
    public static Duration nominalDelay(int failuresInARow) {
        int doublings = Math.min(failuresInARow - 1, 30);
        Duration delay = FIRST_RETRY.multipliedBy(1L << doublings);
        return delay.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay;
    }
}
