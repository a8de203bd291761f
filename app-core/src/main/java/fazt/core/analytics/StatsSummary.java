package fazt.core.analytics;

import java.util.List;

/**
 * What {@code /api/stats} answers. {@code events}, {@code pageviews} and {@code visitors} count
 * over the fixed {@link Periods}; {@code range} and the breakdowns over {@code [from, to)}
 * ({@code to} null: up to now). Visitors are unique per day: one person on three days counts three times.
 */
public record StatsSummary(String app, long from, Long to, Periods events, Periods pageviews, Periods visitors,
        RangeTotals range, List<Count> byApp, List<Count> byPath, List<Count> byReferrer, List<Count> byEvent) {

    /** Totals within {@code [from, to)}. */
    public record RangeTotals(long events, long pageviews, long visitors) {}
}
