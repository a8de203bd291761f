package fazt.core.acme;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where the ACME account's key pair is kept, as PEM text. The account at the CA is found again by
 * this key alone, so losing it means a new account (and a new rate-limit history) on the next order.
 */
public interface AccountKeys {
    /** The stored key pair in PEM, or empty before the first order. */
    Optional<String> load();

    /** Keeps {@code pem} for every later {@link #load()}, replacing what was there. */
    void save(String pem);

    /** Keys kept in memory only: for tests and for a caller that stores them elsewhere itself. */
    static AccountKeys inMemory() {
        AtomicReference<String> kept = new AtomicReference<>();
        return new AccountKeys() {
            @Override
            public Optional<String> load() {
                return Optional.ofNullable(kept.get());
            }

            @Override
            public void save(String pem) {
                kept.set(pem);
            }
        };
    }
}
