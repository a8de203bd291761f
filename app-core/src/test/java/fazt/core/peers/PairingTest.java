package fazt.core.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.FaztException;
import fazt.core.TempFazt;
import fazt.core.identity.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Pairing codes (SPEC §10.2): readable, hashed, single use, ten minutes. */
class PairingTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Pairing at(TempFazt t, Instant now) {
        return new Pairing(t.fazt.database(), t.fazt.apiKeys(), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void codesAreReadableAndOnlyTheirHashIsStored() {
        try (TempFazt t = new TempFazt()) {
            Pairing.Code code = at(t, T0).mint();
            assertThat(code.code()).matches("[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}");
            assertThat(code.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)).toEpochMilli());
            String stored = t.fazt.database().read(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT group_concat(code_hash) FROM pairing_codes")) {
                    return rs.next() ? rs.getString(1) : null;
                }
            });
            assertThat(stored).doesNotContain(code.code()).doesNotContain(code.code().replace("-", "")).hasSize(64);
        }
    }

    @Test
    void aCodeIsAcceptedInAnyCaseWithOrWithoutTheDashAndGivesANamedAdminKey() {
        try (TempFazt t = new TempFazt()) {
            String code = at(t, T0).mint().code();
            Pairing.Redeemed r = at(t, T0.plusSeconds(60)).redeem(" " + code.replace("-", "").toLowerCase(Locale.ROOT) + " ", "laptop");
            assertThat(r.token()).startsWith("fzt_");
            assertThat(r.version()).isNotBlank();
            assertThat(t.fazt.apiKeys().verify(r.token())).contains(Scope.ADMIN);
            assertThat(t.fazt.apiKeys().list()).anySatisfy(k -> {
                assertThat(k.id()).isEqualTo(r.keyId());
                assertThat(k.name()).isEqualTo("peer laptop");
            });
            String other = at(t, T0).mint().code();
            assertThat(at(t, T0).redeem(other, "desk").token()).isNotEqualTo(r.token());
        }
    }

    @Test
    void aCodeWorksOnce() {
        try (TempFazt t = new TempFazt()) {
            String code = at(t, T0).mint().code();
            at(t, T0).redeem(code, "laptop");
            assertThatThrownBy(() -> at(t, T0).redeem(code, "laptop")).isInstanceOfSatisfying(FaztException.class, e -> {
                assertThat(e.code()).isEqualTo("CODE_USED");
                assertThat(e.kind().status).isEqualTo(410);
                assertThat(e.getMessage()).contains("already used", "fazt server pair");
            });
        }
    }

    @Test
    void racingRedemptionsOfOneCodeGiveExactlyOneKey() throws Exception {
        try (TempFazt t = new TempFazt()) {
            String code = at(t, T0).mint().code();
            int keysBefore = t.fazt.apiKeys().list().size();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> tries = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    Callable<Boolean> attempt = () -> {
                        try {
                            at(t, T0).redeem(code, "racer");
                            return true;
                        } catch (FaztException e) {
                            return false;
                        }
                    };
                    tries.add(pool.submit(attempt));
                }
                int won = 0;
                for (Future<Boolean> f : tries) if (f.get()) won++;
                assertThat(won).isEqualTo(1);
            } finally {
                pool.shutdown();
            }
            assertThat(t.fazt.apiKeys().list()).hasSize(keysBefore + 1);
        }
    }

    @Test
    void aCodeExpiresAfterTenMinutes() {
        try (TempFazt t = new TempFazt()) {
            String late = at(t, T0).mint().code();
            assertThatThrownBy(() -> at(t, T0.plus(Duration.ofMinutes(10))).redeem(late, "laptop"))
                    .isInstanceOfSatisfying(FaztException.class, e -> {
                        assertThat(e.code()).isEqualTo("CODE_EXPIRED");
                        assertThat(e.getMessage()).contains("expired", "10 minutes");
                    });
            String inTime = at(t, T0).mint().code();
            assertThat(at(t, T0.plus(Duration.ofMinutes(10)).minusMillis(1)).redeem(inTime, "laptop").token()).isNotBlank();
        }
    }

    @Test
    void malformedAndUnknownCodesAndMissingNamesAreRefusedClearly() {
        try (TempFazt t = new TempFazt()) {
            Pairing p = at(t, T0);
            String real = p.mint().code();
            for (String bad : new String[] {"", "K7QF-9XZ", "K7QF-9XZ22", "O0IL-1111", "K7QF_9XZ2!"}) {
                assertThatThrownBy(() -> p.redeem(bad, "laptop")).as(bad).isInstanceOfSatisfying(FaztException.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_CODE");
                    assertThat(e.getMessage()).contains("K7QF-9XZ2");
                });
            }
            assertThatThrownBy(() -> p.redeem(null, "laptop")).hasMessageContaining("pairing code is needed");
            String unknown = real.equals("AAAA-AAAA") ? "BBBB-BBBB" : "AAAA-AAAA";
            assertThatThrownBy(() -> p.redeem(unknown, "laptop")).isInstanceOfSatisfying(FaztException.class,
                    e -> assertThat(e.getMessage()).contains("no such pairing code"));
            assertThatThrownBy(() -> p.redeem(real, " ")).hasMessageContaining("'name'");
            assertThat(p.redeem(real, "laptop").token()).as("a refused name does not use the code up").isNotBlank();
        }
    }
}
