package fazt.core.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallWatchdogTest {
    @Test
    void aCallNobodyAnswersGets504OnceAfterItsLimitAndTheGrace() throws Exception {
        List<FunctionResponse> answers = new CopyOnWriteArrayList<>();
        CountDownLatch answered = new CountDownLatch(1);
        try (CallWatchdog watchdog = new CallWatchdog(50)) {
            PendingCall call = watchdog.open(20, r -> {
                answers.add(r);
                answered.countDown();
            });
            assertThat(answered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(call.answered()).isTrue();
            call.answer(FunctionResponse.json(200, "{\"late\":true}")); // the run's own result, too late: dropped
        }
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).status()).isEqualTo(504);
        assertThat(new String(answers.get(0).body(), StandardCharsets.UTF_8)).isEqualTo("{\"error\":\"timeout\"}");
    }

    @Test
    void theFirstAnswerWinsAndARemovedCallIsNotAnsweredAgain() throws Exception {
        List<FunctionResponse> answers = new CopyOnWriteArrayList<>();
        try (CallWatchdog watchdog = new CallWatchdog(0)) {
            PendingCall call = watchdog.open(30, answers::add);
            call.answer(FunctionResponse.json(200, "{\"ok\":true}"));
            watchdog.remove(call);
            Thread.sleep(300); // many ticks past the call's limit and grace
        }
        assertThat(answers).extracting(FunctionResponse::status).containsExactly(200);
    }

    @Test
    void aCallThatHasNotStartedIsNotCancelledAtItsRunLimitOnlyAnsweredAtTheGrace() throws Exception {
        // queued calls have no context: the run limit leaves them alone, the grace answers them
        List<FunctionResponse> answers = new CopyOnWriteArrayList<>();
        try (CallWatchdog watchdog = new CallWatchdog(60_000)) {
            PendingCall call = watchdog.open(1, answers::add);
            Thread.sleep(200);
            assertThat(call.timedOut()).isFalse();
            assertThat(call.answered()).isFalse();
        }
        assertThat(answers).isEmpty();
    }
}
