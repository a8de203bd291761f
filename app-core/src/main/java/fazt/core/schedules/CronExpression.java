package fazt.core.schedules;

import fazt.core.FaztException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A five-field cron expression (minute, hour, day of month, month, day of week) with lists
 * ({@code 1,15}), ranges ({@code 9-17}), steps ({@code *}{@code /15}, {@code 0-30/10}, {@code 5/15}),
 * English names for months and days ({@code JAN}, {@code mon-fri}), Sunday as 0 or 7, and the
 * shortcuts {@code @hourly}, {@code @daily} ({@code @midnight}), {@code @weekly}, {@code @monthly},
 * {@code @yearly} ({@code @annually}). Day of month and day of week follow Vixie cron: when both
 * are restricted (neither starts with {@code *}) a day matches either; otherwise both must match.
 */
public final class CronExpression {
    private static final Map<String, String> SHORTCUTS = Map.of("@hourly", "0 * * * *", "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *", "@weekly", "0 0 * * 0", "@monthly", "0 0 1 * *", "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *");
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
    /** Far enough for {@code 0 0 29 2 *} across 2100, which is not a leap year. */
    private static final int MAX_DAYS_AHEAD = 9 * 366;

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean eitherDay;

    private CronExpression(String text, BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek,
            boolean eitherDay) {
        this.text = text;
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.eitherDay = eitherDay;
    }

    /** Parses {@code text}; a {@link FaztException} (invalid) names the field that is wrong and why. */
    public static CronExpression parse(String text) {
        if (text == null || text.isBlank()) throw invalid("the cron expression is empty");
        String trimmed = text.trim();
        String expanded = trimmed;
        if (trimmed.startsWith("@")) {
            expanded = SHORTCUTS.get(trimmed.toLowerCase(Locale.ROOT));
            if (expanded == null) {
                throw invalid("'" + trimmed + "' is not a known shortcut; use @hourly, @daily, @weekly, @monthly or @yearly");
            }
        }
        String[] f = expanded.split("\\s+");
        if (f.length != 5) {
            throw invalid("'" + trimmed + "' has " + f.length + " fields; cron takes five: minute hour day-of-month month day-of-week");
        }
        BitSet dow = field(f[4], "day of week", 0, 7, DAYS);
        if (dow.get(7)) dow.set(0); // 7 is Sunday too
        dow.clear(7);
        return new CronExpression(trimmed, field(f[0], "minute", 0, 59, null), field(f[1], "hour", 0, 23, null),
                field(f[2], "day of month", 1, 31, null), field(f[3], "month", 1, 12, MONTHS), dow,
                !f[2].startsWith("*") && !f[4].startsWith("*"));
    }

    /** The expression as written (a shortcut stays a shortcut). */
    public String text() {
        return text;
    }

    private static BitSet field(String spec, String name, int min, int max, List<String> names) {
        BitSet set = new BitSet(max + 1);
        for (String part : spec.split(",", -1)) {
            if (part.isEmpty()) throw invalid("the " + name + " field '" + spec + "' has an empty list item");
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), name, spec, null);
                if (step < 1 || step > max) throw invalid("the " + name + " field '" + spec + "' has a step of " + step
                        + "; it must be 1 to " + max);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else {
                int dash = range.indexOf('-');
                from = number(dash < 0 ? range : range.substring(0, dash), name, spec, names);
                to = dash < 0 ? (slash >= 0 ? max : from) : number(range.substring(dash + 1), name, spec, names);
            }
            if (from < min || from > max || to < min || to > max) {
                throw invalid("the " + name + " field '" + spec + "' is out of range: it takes " + min + " to " + max);
            }
            if (from > to) throw invalid("the " + name + " field '" + spec + "' has a range that runs backwards (" + range + ")");
            for (int v = from; v <= to; v += step) set.set(v);
        }
        return set;
    }

    private static int number(String s, String name, String spec, List<String> names) {
        if (names != null) {
            int i = names.indexOf(s.toLowerCase(Locale.ROOT));
            if (i >= 0) return names == MONTHS ? i + 1 : i;
        }
        if (s.isEmpty() || s.length() > 4 || !s.chars().allMatch(Character::isDigit)) {
            throw invalid("the " + name + " field '" + spec + "' has '" + s + "', which is not a number"
                    + (names == null ? "" : " or a name like " + names.get(0).toUpperCase(Locale.ROOT)));
        }
        return Integer.parseInt(s);
    }

    private static FaztException invalid(String message) {
        return FaztException.invalid(message);
    }

    /**
     * The first tick strictly after {@code after}, in {@code zone}; empty when the expression never
     * fires (such as {@code 0 0 30 2 *}). A local time skipped by a daylight-saving change runs once
     * the clocks have moved on (02:30 becomes 03:30); a local time that happens twice runs the first time only.
     */
    public Optional<Instant> next(Instant after, ZoneId zone) {
        LocalDateTime start = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDate day = start.toLocalDate();
        for (int d = 0; d < MAX_DAYS_AHEAD; d++, day = day.plusDays(1)) {
            if (!matches(day)) continue;
            LocalTime from = d == 0 ? start.toLocalTime() : LocalTime.MIDNIGHT;
            for (int h = hours.nextSetBit(from.getHour()); h >= 0; h = hours.nextSetBit(h + 1)) {
                int firstMinute = d == 0 && h == from.getHour() ? from.getMinute() : 0;
                for (int m = minutes.nextSetBit(firstMinute); m >= 0; m = minutes.nextSetBit(m + 1)) {
                    Instant at = ZonedDateTime.of(day, LocalTime.of(h, m), zone).toInstant();
                    if (at.isAfter(after)) return Optional.of(at);
                }
            }
        }
        return Optional.empty();
    }

    private boolean matches(LocalDate day) {
        if (!months.get(day.getMonthValue())) return false;
        boolean dom = daysOfMonth.get(day.getDayOfMonth());
        boolean dow = daysOfWeek.get(day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : day.getDayOfWeek().getValue());
        return eitherDay ? dom || dow : dom && dow;
    }

    @Override
    public String toString() {
        return text;
    }
}
