package fazt.core.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Fazt;
import fazt.core.FaztException;
import fazt.core.Json;
import fazt.core.apps.Bundle;
import fazt.core.logs.LogLine;
import fazt.core.storage.MovableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler on a real engine and real functions, with a clock the test moves: ticks on time,
 * one run after a sleep or a stop, catchUp off, no overlapping runs, schedules swapped with the
 * active version, and every run in the app's log.
 */
class SchedulesTest {
    private static final Instant T0 = Instant.parse("2026-03-10T12:00:30Z");
    private static final String MAIN = """
            var key = 'runs:' + request.path;
            var n = (fazt.storage.kv.get(key) || 0) + 1;
            fazt.storage.kv.set(key, n);
            fazt.storage.kv.set('last', {path: request.path, method: request.method, scheduled: request.scheduled,
                trigger: request.headers['x-fazt-scheduled'] || null, version: VERSION});
            if (request.path === '/api/slow') { fazt.storage.kv.set('started', true); while (!fazt.storage.kv.get('release')) {} }
            if (request.path === '/api/fail') throw new Error('digest broke');
            ({n: n})
            """;

    /** Long enough that the run held open by the overlap test is never stopped by the function time limit. */
    private static final Map<String, String> FLAGS = Map.of("functions_timeout_ms", "120000");

    @TempDir
    Path dir;
    private final MovableClock clock = new MovableClock(T0.toEpochMilli());
    private Fazt fazt;

    @BeforeEach
    void open() {
        fazt = Fazt.open(dir.resolve("data.db"), FLAGS, Map.of(), clock);
    }

    @AfterEach
    void close() {
        fazt.close();
    }

    private String deploy(String app, int version, String schedulesJson) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("index.html", "x".getBytes(StandardCharsets.UTF_8));
        files.put("manifest.json", ("{\"schedules\": " + schedulesJson + "}").getBytes(StandardCharsets.UTF_8));
        files.put("api/main.js", MAIN.replace("VERSION", String.valueOf(version)).getBytes(StandardCharsets.UTF_8));
        return fazt.apps().deploy(app, Bundle.of(files), false).id();
    }

    /** Moves the clock to {@code at} (UTC, e.g. {@code 12:15:00} today), checks for due jobs and waits for their runs. */
    private void tickAt(String at) throws InterruptedException {
        Instant target = at.contains("T") ? Instant.parse(at) : Instant.parse("2026-03-10T" + at + "Z");
        clock.advance(target.toEpochMilli() - clock.millis());
        fazt.schedules().runDue();
        assertThat(fazt.schedules().awaitIdle(Duration.ofSeconds(30))).isTrue();
    }

    private int runs(String appId, String path) {
        return fazt.kv().get(appId, "runs:" + path).map(JsonNode::asInt).orElse(0);
    }

    private JsonNode last(String appId) {
        return fazt.kv().get(appId, "last").orElseThrow();
    }

    private List<String> logMessages(String appId) {
        return fazt.functionLogs().query(appId, null, 100, null).stream().map(LogLine::message).toList().reversed();
    }

    @Test
    void ticksFireOnTimeAsScheduledPostsAndEveryRunIsLogged() throws Exception {
        String id = deploy("digest", 1, "[{\"cron\": \"*/15 * * * *\", \"path\": \"/api/cron/digest\"}]");
        tickAt("12:01:00"); // the scheduler reads the new version's jobs: the first tick is 12:15
        tickAt("12:14:59");
        assertThat(runs(id, "/api/cron/digest")).isZero();
        tickAt("12:15:00");
        assertThat(runs(id, "/api/cron/digest")).isEqualTo(1);
        JsonNode last = last(id);
        assertThat(last.get("method").asText()).isEqualTo("POST");
        assertThat(last.get("scheduled").asBoolean()).isTrue();
        assertThat(last.get("trigger").asText()).isEqualTo("tick");
        tickAt("12:15:40");
        tickAt("12:29:00");
        assertThat(runs(id, "/api/cron/digest")).isEqualTo(1);
        tickAt("12:30:01");
        assertThat(runs(id, "/api/cron/digest")).isEqualTo(2);

        assertThat(logMessages(id)).filteredOn(m -> m.startsWith("schedule "))
                .hasSize(2).allMatch(m -> m.matches("schedule /api/cron/digest \\(tick\\): ok, 200 in \\d+ ms"));
        ScheduleInfo info = fazt.schedules().list(id).getFirst();
        assertThat(info.cron()).isEqualTo("*/15 * * * *");
        assertThat(info.tz()).isEqualTo("UTC");
        assertThat(info.lastRunAt()).isEqualTo(Instant.parse("2026-03-10T12:30:01Z").toEpochMilli());
        assertThat(info.lastOutcome()).isEqualTo("ok");
        assertThat(info.lastStatus()).isEqualTo(200);
        assertThat(info.lastTrigger()).isEqualTo("tick");
        assertThat(info.nextRunAt()).isEqualTo(Instant.parse("2026-03-10T12:45:00Z").toEpochMilli());
    }

    @Test
    void aFailingRunIsLoggedAsAnErrorWithItsMessage() throws Exception {
        String id = deploy("failing", 1, "[{\"cron\": \"@hourly\", \"path\": \"/api/fail\"}]");
        tickAt("12:01:00");
        tickAt("13:00:00");
        assertThat(logMessages(id)).anyMatch(m -> m.matches("schedule /api/fail \\(tick\\): error, 500 in \\d+ ms: Error at line 7: digest broke"));
        assertThat(fazt.schedules().list(id).getFirst().lastOutcome()).isEqualTo("error");
    }

    @Test
    void aJobMissedAcrossASleepRunsExactlyOnceThenKeepsItsRhythm() throws Exception {
        String id = deploy("sleepy", 1, "[{\"cron\": \"*/15 * * * *\", \"path\": \"/api/cron\"},"
                + " {\"cron\": \"*/15 * * * *\", \"path\": \"/api/strict\", \"catchUp\": false}]");
        tickAt("12:01:00");
        tickAt("15:07:00"); // the lid was closed at 12:01: twelve ticks of each job went by
        fazt.schedules().runDue();
        assertThat(fazt.schedules().awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(runs(id, "/api/cron")).isEqualTo(1);
        assertThat(last(id).get("trigger").asText()).isEqualTo("catch-up");
        assertThat(runs(id, "/api/strict")).isZero();
        assertThat(logMessages(id)).anyMatch(m -> m.startsWith("schedule /api/strict: the tick of 2026-03-10T12:15:00Z was missed")
                && m.contains("\"catchUp\" is false"));

        tickAt("15:15:00");
        assertThat(runs(id, "/api/cron")).isEqualTo(2);
        assertThat(runs(id, "/api/strict")).isEqualTo(1);
        assertThat(last(id).get("trigger").asText()).isEqualTo("tick");
    }

    @Test
    void aJobMissedWhileFaztWasStoppedRunsOnceAtStart() throws Exception {
        String id = deploy("stopped", 1, "[{\"cron\": \"0 * * * *\", \"path\": \"/api/hourly\"}]");
        tickAt("12:01:00");
        fazt.close();
        clock.advance(Duration.ofHours(5).toMillis());
        fazt = Fazt.open(dir.resolve("data.db"), FLAGS, Map.of(), clock);
        fazt.schedules().start();
        fazt.schedules().runDue();
        assertThat(fazt.schedules().awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(runs(id, "/api/hourly")).isEqualTo(1);
        assertThat(last(id).get("trigger").asText()).isEqualTo("catch-up");
        fazt.schedules().runDue();
        assertThat(fazt.schedules().awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(runs(id, "/api/hourly")).isEqualTo(1);
    }

    @Test
    void aTickDuringARunIsSkippedAndLoggedAndAManualRunIsRefused() throws Exception {
        String id = deploy("slow", 1, "[{\"cron\": \"*/15 * * * *\", \"path\": \"/api/slow\"}]");
        tickAt("12:01:00");
        clock.advance(Duration.ofMinutes(14).toMillis());
        fazt.schedules().runDue(); // 12:15: starts the run, which waits for 'release'
        long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (fazt.kv().get(id, "started").isEmpty()) {
            assertThat(System.nanoTime()).as("the run never started").isLessThan(giveUp);
            Thread.sleep(10);
        }
        assertThat(fazt.schedules().list(id).getFirst().running()).isTrue();
        clock.advance(Duration.ofMinutes(15).toMillis());
        fazt.schedules().runDue(); // 12:30 while the 12:15 run goes on
        assertThatThrownBy(() -> fazt.schedules().runNow(id, "/api/slow")).isInstanceOf(FaztException.class)
                .hasMessageContaining("is running now");
        fazt.kv().set(id, "release", Json.MAPPER.getNodeFactory().booleanNode(true), null);
        assertThat(fazt.schedules().awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(runs(id, "/api/slow")).isEqualTo(1);
        assertThat(logMessages(id)).anyMatch(m -> m.equals(
                "schedule /api/slow: the tick of 2026-03-10T12:30:00Z was skipped: the previous run is still going"));
    }

    @Test
    void deployAndRollbackSwapTheJobsWithTheVersion() throws Exception {
        String id = deploy("swap", 1, "[{\"cron\": \"*/15 * * * *\", \"path\": \"/api/a\"}]");
        tickAt("12:01:00");
        deploy("swap", 2, "[{\"cron\": \"0 * * * *\", \"path\": \"/api/b\"}]");
        // no check in between: the scheduler still holds version 1's jobs, yet /api/a is no longer a job
        tickAt("12:15:00");
        assertThat(runs(id, "/api/a")).isZero();
        assertThat(fazt.schedules().list(id)).extracting(ScheduleInfo::path).containsExactly("/api/b");
        tickAt("13:00:00");
        assertThat(runs(id, "/api/b")).isEqualTo(1);
        assertThat(last(id).get("version").asInt()).isEqualTo(2);

        fazt.apps().rollback("swap", 1);
        assertThat(fazt.schedules().list(id)).extracting(ScheduleInfo::path).containsExactly("/api/a");
        tickAt("14:00:00");
        assertThat(runs(id, "/api/b")).isEqualTo(1);
        assertThat(runs(id, "/api/a")).isZero(); // a job that comes back counts from its return: no catch-up
        tickAt("14:15:00");
        assertThat(runs(id, "/api/a")).isEqualTo(1);
        assertThat(last(id).get("version").asInt()).isEqualTo(1);

        fazt.apps().delete("swap");
        int rows = fazt.database().read(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM schedule_state")) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        });
        assertThat(rows).isZero();
    }

    @Test
    void aManualRunCallsTheJobNowAndOnlyADeclaredJob() {
        String id = deploy("manual", 1, "[{\"cron\": \"@daily\", \"path\": \"/api/nightly\", \"tz\": \"Europe/Paris\"}]");
        ScheduleRun run = fazt.schedules().runNow(id, "/api/nightly");
        assertThat(run.status()).isEqualTo(200);
        assertThat(run.outcome()).isEqualTo("ok");
        assertThat(run.trigger()).isEqualTo("manual");
        assertThat(last(id).get("trigger").asText()).isEqualTo("manual");
        assertThat(last(id).get("scheduled").asBoolean()).isTrue();
        ScheduleInfo info = fazt.schedules().list(id).getFirst();
        assertThat(info.lastTrigger()).isEqualTo("manual");
        assertThat(info.tz()).isEqualTo("Europe/Paris");
        assertThat(info.nextRunAt()).isEqualTo(Instant.parse("2026-03-10T23:00:00Z").toEpochMilli());
        assertThatThrownBy(() -> fazt.schedules().runNow(id, "/api/other")).isInstanceOf(FaztException.class)
                .hasMessage("'manual' has no scheduled job at /api/other (see 'fazt app schedules manual')");
    }

    @Test
    void aVersionFromBeforeSchedulesWithAnUnusableFieldHasNoJobsAndStopsNoOtherApp() throws Exception {
        String other = deploy("other", 1, "[{\"cron\": \"*/15 * * * *\", \"path\": \"/api/cron\"}]");
        String old = deploy("old", 1, "[]");
        deploy("old", 2, "[]");
        fazt.database().write(c -> { // what a fazt that did not know schedules could have stored
            try (var p = c.prepareStatement("UPDATE versions SET manifest = ? WHERE app_id = ? AND version = 1")) {
                p.setString(1, "{\"schedules\": \"every monday\"}");
                p.setString(2, old);
                return p.executeUpdate();
            }
        });
        fazt.apps().rollback("old", 1);
        tickAt("12:01:00");
        tickAt("12:15:00");
        assertThat(fazt.schedules().list(old)).isEmpty();
        assertThat(runs(other, "/api/cron")).isEqualTo(1);
    }
}
