package fazt.core.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import fazt.core.FaztException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The cron parser under arbitrary text (docs/testing.md): every expression either parses or is
 * refused with a clear {@link FaztException}, and a parsed one's next tick, in any time zone and
 * from any moment, is strictly later than that moment, or there is none.
 */
class CronExpressionFuzzTest {
    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream().sorted().toList();

    @FuzzTest(maxDuration = "5m")
    void anyTextParsesOrIsRefusedClearly(FuzzedDataProvider data) {
        ZoneId zone = ZoneId.of(ZONES.get(data.consumeInt(0, ZONES.size() - 1)));
        Instant after = Instant.ofEpochSecond(data.consumeLong(0, 4_102_444_800L)); // 1970 to 2100
        String text = data.consumeRemainingAsString();
        CronExpression cron;
        try {
            cron = CronExpression.parse(text);
        } catch (FaztException refused) {
            assertThat(refused.kind()).isEqualTo(FaztException.Kind.INVALID);
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        Optional<Instant> next = cron.next(after, zone);
        next.ifPresent(at -> assertThat(at).isAfter(after));
        assertThat(CronExpression.parse(cron.text()).next(after, zone)).isEqualTo(next);
    }
}
