package fazt.core.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.FaztException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cron parser: the next tick after a given instant, and the messages for expressions it refuses. */
class CronExpressionTest {
    @ParameterizedTest(name = "{0} after {1} in {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            */15 * * * *     | 2026-03-10T12:00:30Z | UTC           | 2026-03-10T12:15:00Z
            */15 * * * *     | 2026-03-10T12:15:00Z | UTC           | 2026-03-10T12:30:00Z
            */15 * * * *     | 2026-03-10T12:59:59Z | UTC           | 2026-03-10T13:00:00Z
            * * * * *        | 2026-03-10T12:00:00Z | UTC           | 2026-03-10T12:01:00Z
            0-30/10 9 * * *  | 2026-03-10T09:21:00Z | UTC           | 2026-03-10T09:30:00Z
            0-30/10 9 * * *  | 2026-03-10T09:30:00Z | UTC           | 2026-03-11T09:00:00Z
            5/20 * * * *     | 2026-03-10T12:06:00Z | UTC           | 2026-03-10T12:25:00Z
            1,5,58 * * * *   | 2026-03-10T12:05:00Z | UTC           | 2026-03-10T12:58:00Z
            0 9-17/4 * * *   | 2026-03-10T13:00:00Z | UTC           | 2026-03-10T17:00:00Z
            0 0 * * MON-FRI  | 2026-03-13T12:00:00Z | UTC           | 2026-03-16T00:00:00Z
            0 0 * * sat,SUN  | 2026-03-10T12:00:00Z | UTC           | 2026-03-14T00:00:00Z
            0 0 * * 7        | 2026-03-10T12:00:00Z | UTC           | 2026-03-15T00:00:00Z
            0 0 * * 0        | 2026-03-10T12:00:00Z | UTC           | 2026-03-15T00:00:00Z
            0 0 1 JAN-MAR *  | 2026-03-10T12:00:00Z | UTC           | 2027-01-01T00:00:00Z
            0 0 31 * *       | 2026-04-01T00:00:00Z | UTC           | 2026-05-31T00:00:00Z
            0 0 29 2 *       | 2026-03-01T00:00:00Z | UTC           | 2028-02-29T00:00:00Z
            0 0 12 * 5       | 2026-03-01T00:00:00Z | UTC           | 2026-03-06T00:00:00Z
            0 0 12 * 5       | 2026-03-10T12:00:00Z | UTC           | 2026-03-12T00:00:00Z
            0 0 12 * 5       | 2026-03-12T00:00:00Z | UTC           | 2026-03-13T00:00:00Z
            0 0 */2 * 5      | 2026-03-01T00:00:00Z | UTC           | 2026-03-13T00:00:00Z
            0 0 * * */2      | 2026-03-10T12:00:00Z | UTC           | 2026-03-12T00:00:00Z
            59 23 31 12 *    | 2026-12-31T23:59:00Z | UTC           | 2027-12-31T23:59:00Z
            @hourly          | 2026-03-10T12:00:00Z | UTC           | 2026-03-10T13:00:00Z
            @daily           | 2026-03-10T12:00:00Z | UTC           | 2026-03-11T00:00:00Z
            @midnight        | 2026-03-10T12:00:00Z | UTC           | 2026-03-11T00:00:00Z
            @weekly          | 2026-03-10T12:00:00Z | UTC           | 2026-03-15T00:00:00Z
            @monthly         | 2026-03-10T12:00:00Z | UTC           | 2026-04-01T00:00:00Z
            @YEARLY          | 2026-03-10T12:00:00Z | UTC           | 2027-01-01T00:00:00Z
            0 8 * * *        | 2026-03-10T12:00:00Z | Europe/Paris  | 2026-03-11T07:00:00Z
            0 8 * * *        | 2026-07-10T12:00:00Z | Europe/Paris  | 2026-07-11T06:00:00Z
            30 2 * * *       | 2026-03-28T12:00:00Z | Europe/Paris  | 2026-03-29T01:30:00Z
            30 2 * * *       | 2026-03-29T01:30:00Z | Europe/Paris  | 2026-03-30T00:30:00Z
            30 2 * * *       | 2026-10-24T12:00:00Z | Europe/Paris  | 2026-10-25T00:30:00Z
            30 2 * * *       | 2026-10-25T00:30:00Z | Europe/Paris  | 2026-10-26T01:30:00Z
            */30 * * * *     | 2026-10-25T00:30:00Z | Europe/Paris  | 2026-10-25T02:00:00Z
            */30 * * * *     | 2026-10-25T01:10:00Z | Europe/Paris  | 2026-10-25T02:00:00Z
            """)
    void nextTick(String cron, String after, String zone, String expected) {
        assertThat(CronExpression.parse(cron).next(Instant.parse(after), ZoneId.of(zone))).contains(Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                | the cron expression is empty
            "* * * *"         | has 4 fields; cron takes five
            "* * * * * *"     | has 6 fields; cron takes five
            "60 * * * *"      | the minute field '60' is out of range: it takes 0 to 59
            "* 24 * * *"      | the hour field '24' is out of range: it takes 0 to 23
            "* * 0 * *"       | the day of month field '0' is out of range: it takes 1 to 31
            "* * * 13 *"      | the month field '13' is out of range: it takes 1 to 12
            "* * * * 8"       | the day of week field '8' is out of range: it takes 0 to 7
            "*/0 * * * *"     | the minute field '*/0' has a step of 0; it must be 1 to 59
            "30-10 * * * *"   | has a range that runs backwards (30-10)
            "x * * * *"       | the minute field 'x' has 'x', which is not a number
            "* * * FOO *"     | the month field 'FOO' has 'FOO', which is not a number or a name like JAN
            "* * * * funday"  | which is not a number or a name like SUN
            "1,,2 * * * *"    | the minute field '1,,2' has an empty list item
            "@reboot"         | '@reboot' is not a known shortcut; use @hourly, @daily, @weekly, @monthly or @yearly
            """)
    void refusedWithAMessageNamingTheField(String cron, String message) {
        assertThatThrownBy(() -> CronExpression.parse(cron)).isInstanceOf(FaztException.class).hasMessageContaining(message);
    }

    @Test
    void anExpressionWithNoSuchDayNeverFires() {
        assertThat(CronExpression.parse("0 0 30 2 *").next(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).isEmpty();
    }
}
