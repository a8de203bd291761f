package fazt.server.admin;

import fazt.core.Fazt;
import fazt.core.FaztException;
import fazt.core.analytics.Interval;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * {@code /api/stats…} and {@code /api/events}: what analytics collected (SPEC §7). {@code from}
 * and {@code to} are epoch milliseconds, an ISO instant ({@code 2026-03-10T14:00:00Z}) or a UTC
 * date; a date in {@code to} includes that whole day.
 */
final class StatsRoutes {
    private static final int DEFAULT_LIMIT = 100;

    private final Fazt fazt;

    StatsRoutes(Fazt fazt) {
        this.fazt = fazt;
    }

    /** {@code ?app=&from=&to=}. */
    Object summary(ApiCall call) {
        return fazt.analytics().stats().summary(appId(call), time(call, "from", false), time(call, "to", true));
    }

    /** {@code ?app=&interval=hour|day&from=&to=}. */
    Object timeline(ApiCall call) {
        return fazt.analytics().stats().timeline(appId(call), Interval.parse(call.query("interval")),
                time(call, "from", false), time(call, "to", true));
    }

    /** {@code ?app=&event=&limit=}: the newest events first. */
    Object events(ApiCall call) {
        String event = call.query("event");
        return fazt.analytics().stats().recent(appId(call), event == null || event.isBlank() ? null : event, limit(call));
    }

    private String appId(ApiCall call) {
        String ref = call.query("app");
        return ref == null || ref.isBlank() ? null : fazt.apps().get(ref).id();
    }

    static Long time(ApiCall call, String name, boolean endOfDay) {
        String v = call.query(name);
        if (v == null || v.isBlank()) return null;
        String s = v.trim();
        try {
            if (s.matches("-?\\d{1,15}")) return Long.parseLong(s);
            if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
                LocalDate day = LocalDate.parse(s);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw FaztException.invalid(name + " must be epoch milliseconds, a date like 2026-03-10 or a time like"
                    + " 2026-03-10T14:00:00Z, not '" + v + "'");
        }
    }

    private static int limit(ApiCall call) {
        String v = call.query("limit");
        if (v == null || v.isBlank()) return DEFAULT_LIMIT;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw FaztException.invalid("limit must be a whole number, not '" + v + "'");
        }
    }
}
