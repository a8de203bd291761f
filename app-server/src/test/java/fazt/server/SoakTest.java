package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.server.soak.SoakChecks;
import fazt.server.soak.SoakLoad;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak, CI-sized: a real server on a new data.db takes {@code fazt.soak.seconds} (120) of
 * mixed load at 50 connections (static pages, a hello function, KV and document writes through a
 * function, analytics events) while a new version of the app is deployed every 30 s and the admin
 * API's log stream stays open. After a clean stop, every write the server acknowledged must be in
 * data.db, which must pass SQLite's integrity check. Only correctness is asserted here: the
 * timing and memory verdicts are bench/soak.sh's (docs/BENCHMARKS.md, "Soak").
 */
class SoakTest {
    private static final int CONNECTIONS = 50;
    private static final int DEPLOY_EVERY_SECONDS = 30;

    @TempDir Path dir;

    @Test
    void nothingAcknowledgedIsLostUnderMixedLoadWithDeploysAndALogStream() throws Exception {
        int seconds = Integer.getInteger("fazt.soak.seconds", 120);
        Path data = dir.resolve("data.db");
        SoakLoad.Outcome outcome;
        try (TestInstance instance = new TestInstance(dir, Map.of())) {
            outcome = SoakLoad.run(new SoakLoad.Settings(instance.port(), data, seconds, CONNECTIONS, DEPLOY_EVERY_SECONDS, -1));
        } // a clean stop: the server finishes, the engine checkpoints and closes data.db
        SoakChecks.Findings found = SoakChecks.inspect(data, outcome);
        System.out.printf("SoakTest: %d s, %d requests, %d failed; acknowledged and found: KV %d, documents %d, events %d;"
                + " %d deploys; %d log lines streamed%n", seconds, outcome.requests(), outcome.failed(), found.kvFound(),
                found.docsFound(), found.eventsFound(), outcome.deploys().size(), outcome.logLines());

        assertThat(outcome.failed()).as("failed requests, e.g. %s", outcome.failureExamples()).isZero();
        assertThat(outcome.kvKeys()).as("KV writes acknowledged (none: nothing was tested)").isNotEmpty();
        assertThat(outcome.docIds()).as("document inserts acknowledged").isNotEmpty();
        assertThat(outcome.trackTags()).as("analytics events acknowledged").isNotEmpty();
        assertThat(outcome.deploys()).as("the first deploy and one every %d s", DEPLOY_EVERY_SECONDS)
                .hasSize((seconds + DEPLOY_EVERY_SECONDS - 1) / DEPLOY_EVERY_SECONDS);
        for (int i = 0; i < outcome.deploys().size(); i++) {
            SoakLoad.Deploy d = outcome.deploys().get(i);
            assertThat(d.ok()).as("deploy %s succeeded and its page was served next", d).isTrue();
            assertThat(d.version()).as("deploy %d made version %d", i + 1, i + 1).isEqualTo(i + 1);
        }
        assertThat(outcome.logStreamProblem()).as("the live log stream stayed open").isNull();
        assertThat(outcome.logLines()).as("lines the document function logged reached the stream").isPositive();
        assertThat(found.integrity()).isEqualTo("ok");
        assertThat(found.missingExamples()).as("acknowledged writes missing from data.db").isEmpty();
        assertThat(found.everyWritePresent()).isTrue();
    }

    @Test
    void theSoakRefusesSettingsItCannotRunWith() throws Exception {
        Path data = Files.createFile(dir.resolve("data.db"));
        assertThatThrownBy(() -> new SoakLoad.Settings(0, data, 120, 50, 30, -1)).hasMessage("port must be 1-65535, not 0");
        assertThatThrownBy(() -> new SoakLoad.Settings(8080, data, 0, 50, 30, -1)).hasMessage("seconds must be at least 1, not 0");
        assertThatThrownBy(() -> new SoakLoad.Settings(8080, data, 120, 0, 30, -1)).hasMessage("connections must be at least 1, not 0");
        assertThatThrownBy(() -> new SoakLoad.Settings(8080, data, 120, 50, 0, -1)).hasMessage("deployEverySeconds must be at least 1");
        assertThatThrownBy(() -> new SoakLoad.Settings(8080, dir.resolve("none.db"), 120, 50, 30, -1))
                .hasMessageStartingWith("no data.db at ");
        // a data.db no server holds: there is no token to deploy with, and the soak says so before sending anything
        assertThatThrownBy(() -> SoakLoad.run(new SoakLoad.Settings(8080, data, 120, 50, 30, -1)))
                .hasMessageContaining("no running instance's token in ");
    }
}
