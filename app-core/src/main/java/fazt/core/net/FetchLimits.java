package fazt.core.net;

import fazt.core.Config;
import java.util.ArrayList;
import java.util.List;

/**
 * The owner's settings for functions' fetches: the default timeout, the response size cap, how
 * many fetches one app may have running at once, and the private networks (addresses or ranges in
 * {@code fetch_allow_private}) that fetches may reach anyway — empty by default.
 */
public record FetchLimits(long timeoutMs, long maxResponseBytes, int concurrencyPerApp, List<AddressRange> allowPrivate) {
    public static FetchLimits from(Config config) {
        List<AddressRange> ranges = new ArrayList<>();
        for (String item : config.get("fetch_allow_private").split(",")) {
            AddressRange r = AddressRange.parse(item);
            if (r != null) ranges.add(r);
        }
        return new FetchLimits(config.getLong("fetch_timeout_ms"), config.getLong("fetch_max_response_bytes"),
                config.getInt("fetch_concurrency"), List.copyOf(ranges));
    }
}
