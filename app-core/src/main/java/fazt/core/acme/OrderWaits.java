package fazt.core.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * The one deadline an order has for all its waits: polls a challenge or an order with a growing
 * pause (or the CA's Retry-After, when it sends one) until it reaches an end state or time is up.
 */
final class OrderWaits {
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final Duration limit;
    private final long deadlineNanos;

    OrderWaits(Duration limit) {
        this.limit = limit;
        this.deadlineNanos = System.nanoTime() + limit.toNanos();
    }

    /** Polls {@code resource} until its status is one of {@code ends}, which it returns. */
    Status until(PollableResource resource, Set<Status> ends, String what) throws AcmeException, InterruptedException {
        Duration pause = FIRST_PAUSE;
        while (true) {
            Optional<Instant> retryAfter = resource.fetch();
            Status status = resource.getStatus();
            if (ends.contains(status)) {
                return status;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new AcmeOrderFailed("the CA did not finish " + what + " within " + limit.toSeconds()
                        + " seconds (still " + status.name().toLowerCase(Locale.ROOT) + ")");
            }
            Duration wait = retryAfter.map(at -> Duration.between(Instant.now(), at))
                    .filter(d -> d.isPositive()).orElse(pause);
            Thread.sleep(Math.max(1, Math.min(wait.toMillis(), left / 1_000_000)));
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }
}
