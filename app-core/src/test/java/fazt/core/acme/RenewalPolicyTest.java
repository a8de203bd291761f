package fazt.core.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RenewalPolicyTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant EXPIRES = ISSUED.plus(Duration.ofDays(90));

    @Test
    void withoutRenewalInformationRenewsTwoThirdsIntoTheLifetime() {
        Instant at = RenewalPolicy.renewAt(ISSUED, EXPIRES, Optional.empty(), new SplittableRandom(1));

        assertThat(at).isEqualTo(ISSUED.plus(Duration.ofDays(60)));
        assertThat(RenewalPolicy.isDue(at, at.minusMillis(1))).isFalse();
        assertThat(RenewalPolicy.isDue(at, at)).isTrue();
    }

    @Test
    void theCasWindowWinsAndEachServerPicksItsOwnMomentInIt() {
        IssuedCertificate.RenewalWindow window = new IssuedCertificate.RenewalWindow(
                ISSUED.plus(Duration.ofDays(70)), ISSUED.plus(Duration.ofDays(72)));
        SplittableRandom random = new SplittableRandom(42);

        Instant first = RenewalPolicy.renewAt(ISSUED, EXPIRES, Optional.of(window), random);
        Instant second = RenewalPolicy.renewAt(ISSUED, EXPIRES, Optional.of(window), random);

        assertThat(first).isBetween(window.start(), window.end());
        assertThat(second).isBetween(window.start(), window.end()).isNotEqualTo(first);
        assertThat(RenewalPolicy.renewAt(ISSUED, EXPIRES, Optional.of(window), new SplittableRandom(42)))
                .isEqualTo(first);
    }

    @Test
    void aWindowOfOneMomentIsThatMoment() {
        Instant moment = ISSUED.plus(Duration.ofDays(80));
        assertThat(RenewalPolicy.renewAt(ISSUED, EXPIRES,
                Optional.of(new IssuedCertificate.RenewalWindow(moment, moment)), new SplittableRandom(3)))
                .isEqualTo(moment);
    }

    @Test
    void theRuleAppliesToAnIssuedCertificate() {
        IssuedCertificate certificate = new IssuedCertificate(java.util.List.of("blog.fazt.test"), "chain", "key",
                ISSUED, EXPIRES, "CN=test", Optional.empty());
        assertThat(RenewalPolicy.renewAt(certificate, new SplittableRandom(1))).isEqualTo(ISSUED.plus(Duration.ofDays(60)));
    }

    @Test
    void retriesBackOffFromFiveMinutesToSixHours() {
        assertThat(RenewalPolicy.nominalDelay(1)).isEqualTo(Duration.ofMinutes(5));
        assertThat(RenewalPolicy.nominalDelay(2)).isEqualTo(Duration.ofMinutes(10));
        assertThat(RenewalPolicy.nominalDelay(3)).isEqualTo(Duration.ofMinutes(20));
        assertThat(RenewalPolicy.nominalDelay(7)).isEqualTo(Duration.ofHours(5).plusMinutes(20));
        assertThat(RenewalPolicy.nominalDelay(8)).isEqualTo(Duration.ofHours(6));
        assertThat(RenewalPolicy.nominalDelay(1000)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void eachRetryIsJitteredBetweenHalfAndAllOfItsDelay() {
        SplittableRandom random = new SplittableRandom(7);
        for (int failures = 1; failures <= 10; failures++) {
            Duration nominal = RenewalPolicy.nominalDelay(failures);
            for (int i = 0; i < 50; i++) {
                Instant next = RenewalPolicy.nextAttempt(NOW, failures, Optional.empty(), random);
                assertThat(next).isBetween(NOW.plus(nominal.dividedBy(2)), NOW.plus(nominal));
            }
        }
        Instant a = RenewalPolicy.nextAttempt(NOW, 3, Optional.empty(), new SplittableRandom(9));
        Instant b = RenewalPolicy.nextAttempt(NOW, 3, Optional.empty(), new SplittableRandom(10));
        assertThat(a).isNotEqualTo(b);
        assertThat(RenewalPolicy.nextAttempt(NOW, 3, Optional.empty(), new SplittableRandom(9))).isEqualTo(a);
    }

    @Test
    void aLaterRetryAfterFromTheCaWinsAndAnEarlierOneDoesNot() {
        Instant rateLimitedUntil = NOW.plus(Duration.ofHours(3));
        assertThat(RenewalPolicy.nextAttempt(NOW, 1, Optional.of(rateLimitedUntil), new SplittableRandom(1)))
                .isEqualTo(rateLimitedUntil);

        Instant soon = NOW.plusSeconds(10);
        assertThat(RenewalPolicy.nextAttempt(NOW, 1, Optional.of(soon), new SplittableRandom(1)))
                .isAfter(NOW.plus(Duration.ofMinutes(2)));
    }

    @Test
    void impossibleInputsAreRefusedInWords() {
        assertThatThrownBy(() -> RenewalPolicy.nextAttempt(NOW, 0, Optional.empty(), new SplittableRandom(1)))
                .hasMessage("a retry needs at least one failure, not 0");
        assertThatThrownBy(() -> RenewalPolicy.renewAt(EXPIRES, ISSUED, Optional.empty(), new SplittableRandom(1)))
                .hasMessageContaining("expires").hasMessageContaining("before it starts");
        assertThatThrownBy(() -> new IssuedCertificate.RenewalWindow(EXPIRES, ISSUED))
                .hasMessageContaining("a renewal window ends before it starts");
    }
}
