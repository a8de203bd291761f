package fazt.core.analytics;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One count over the fixed periods of SPEC §7, in UTC days: today (since midnight), the last 7
 * and 30 days (today and the 6 or 29 days before it), and all that is kept.
 */
public record Periods(long today, @JsonProperty("last_7_days") long last7Days, @JsonProperty("last_30_days") long last30Days,
        long all) {}
