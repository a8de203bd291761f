package fazt.server.cli;

import static fazt.server.cli.CliTest.fazt;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.storage.MovableClock;
import fazt.server.TestInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fazt app schedules} and {@code fazt app run}, directly on data.db and through a running instance. */
class ScheduleCliTest {
    @TempDir
    Path dir;

    private Path site(String schedules) throws IOException {
        Path d = dir.resolve("site");
        Files.createDirectories(d.resolve("api"));
        Files.writeString(d.resolve("index.html"), "hi");
        Files.writeString(d.resolve("manifest.json"), "{\"schedules\": " + schedules + "}");
        Files.writeString(d.resolve("api/main.js"), "if (request.path === '/api/broken') throw new Error('no digest today');\n"
                + "({scheduled: request.scheduled})");
        return d;
    }

    private static void listsAndRuns(String data) {
        CliTest.Run list = fazt("app", "schedules", "cron", "--data", data);
        assertThat(list.code()).as(list.err()).isZero();
        String[] lines = list.out().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).matches("PATH +CRON +TZ +LAST RUN +RESULT +NEXT RUN");
        assertThat(lines[1]).matches("/api/cron/digest +\\*/15 \\* \\* \\* \\* +UTC +never +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d");
        assertThat(lines[2]).matches("/api/broken +@daily \\(no catch-up\\) +Europe/Paris +never +\\d{4}-.*");

        CliTest.Run run = fazt("app", "run", "cron", "/api/cron/digest", "--data", data);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).matches("ran /api/cron/digest of cron: ok, 200 in \\d+ ms\n");
        assertThat(fazt("app", "schedules", "cron", "--data", data).out())
                .containsPattern("/api/cron/digest .* ok \\(200, \\d+ ms, manual\\)");
        assertThat(fazt("app", "schedules", "cron", "--json", "--data", data).json().get(0).get("last_trigger").asText())
                .isEqualTo("manual");

        CliTest.Run broken = fazt("app", "run", "cron", "/api/broken", "--data", data);
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.out()).containsPattern("ran /api/broken of cron: error, 500 in \\d+ ms\nsee 'fazt app logs cron' \\(request sched_");
        assertThat(fazt("app", "logs", "cron", "--data", data).out()).contains("no digest today")
                .containsPattern("schedule /api/broken \\(manual\\): error, 500");

        CliTest.Run unknown = fazt("app", "run", "cron", "/api/nope", "--data", data);
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("'cron' has no scheduled job at /api/nope (see 'fazt app schedules cron')");
    }

    @Test
    void directlyOnDataDb() throws Exception {
        String data = dir.resolve("data.db").toString();
        String jobs = "[{\"cron\": \"*/15 * * * *\", \"path\": \"/api/cron/digest\"},"
                + " {\"cron\": \"@daily\", \"path\": \"/api/broken\", \"tz\": \"Europe/Paris\", \"catchUp\": false}]";
        assertThat(fazt("app", "deploy", site(jobs).toString(), "--name", "cron", "--data", data).code()).isZero();
        listsAndRuns(data);

        CliTest.Run bad = fazt("app", "deploy", site("[{\"cron\": \"@hourly\", \"path\": \"/api/x\", \"tz\": \"Nowhere/Town\"}]").toString(),
                "--name", "cron", "--data", data);
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("manifest.json: schedules[0]: 'Nowhere/Town' is not a time zone");
        assertThat(fazt("app", "deploy", site("[]").toString(), "--name", "plain", "--data", data).code()).isZero();
        assertThat(fazt("app", "schedules", "plain", "--data", data).out())
                .isEqualTo("plain has no scheduled jobs (\"schedules\" in manifest.json)\n");
    }

    @Test
    void throughTheRunningInstance() throws Exception {
        // a clock that stands still: no tick of the real one lands between the manual run and the listing
        try (TestInstance t = new TestInstance(Map.of(), new MovableClock(Instant.parse("2026-03-10T12:00:30Z").toEpochMilli()))) {
            String data = t.dir.resolve("data.db").toString();
            String jobs = "[{\"cron\": \"*/15 * * * *\", \"path\": \"/api/cron/digest\"},"
                    + " {\"cron\": \"@daily\", \"path\": \"/api/broken\", \"tz\": \"Europe/Paris\", \"catchUp\": false}]";
            assertThat(fazt("app", "deploy", site(jobs).toString(), "--name", "cron", "--data", data).code()).isZero();
            listsAndRuns(data);
        }
    }
}
