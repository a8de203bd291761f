package fazt.core.identity;

import fazt.core.Ids;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One-time codes the desktop mints to open the dashboard already signed in (SPEC §6.1): the
 * tray opens {@code /auth/handoff?code=…}, which trades the code for an owner session. A code
 * lives 60 seconds, works once, and exists only in this process's memory, so only the process
 * serving data.db can mint one. Never a password in a URL.
 */
public final class HandoffCodes {
    public static final Duration LIFETIME = Duration.ofSeconds(60);

    private final ConcurrentHashMap<String, Long> expiryByHash = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    public HandoffCodes(LongSupplier clock) {
        this.clock = clock;
    }

    public String mint() {
        long now = clock.getAsLong();
        expiryByHash.values().removeIf(expiry -> expiry <= now);
        String code = Ids.newToken("fzh_");
        expiryByHash.put(Ids.sha256(code), now + LIFETIME.toMillis());
        return code;
    }

    /** True once for a live code; false for an unknown, used or expired one. */
    public boolean redeem(String code) {
        if (code == null || code.length() > 100) return false;
        Long expiry = expiryByHash.remove(Ids.sha256(code));
        return expiry != null && expiry > clock.getAsLong();
    }
}
