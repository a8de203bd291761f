package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.FaztException;
import fazt.core.identity.Scope;
import fazt.core.peers.RemoteNode;
import fazt.core.schedules.ScheduleInfo;
import fazt.core.schedules.ScheduleRun;
import fazt.core.storage.MovableClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Scheduled functions end to end: a real FaztServer on a real data.db, apps deployed and driven
 * through the admin API, ticks from a clock the test moves. The scheduler's own ticker runs too;
 * the test also checks for due jobs itself, so whichever comes first starts a run and the outcome is the same.
 */
class SchedulesServerTest {
    private static final String MAIN = """
            var n = (fazt.storage.kv.get('runs') || 0) + 1;
            if (request.scheduled) fazt.storage.kv.set('runs', n);
            console.log('digest run ' + n);
            ({scheduled: request.scheduled, header: request.headers['x-fazt-scheduled'] || null, version: VERSION})
            """;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-10T12:00:30Z").toEpochMilli());
    private final TestInstance t = new TestInstance(Map.of(), clock);

    @AfterEach
    void close() {
        t.close();
    }

    private HttpResponse<byte[]> deploy(int version, String schedules) {
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("index.html", "hi");
        files.put("manifest.json", "{\"schedules\": " + schedules + "}");
        files.put("api/main.js", MAIN.replace("VERSION", String.valueOf(version)));
        return t.deploy("cron", TestInstance.zip(files));
    }

    private void tickAt(String utc) throws InterruptedException {
        clock.advance(Instant.parse("2026-03-10T" + utc + "Z").toEpochMilli() - clock.millis());
        t.fazt.schedules().runDue();
        assertThat(t.fazt.schedules().awaitIdle(Duration.ofSeconds(30))).isTrue();
    }

    private JsonNode api(String method, String path, String body) {
        HttpResponse<byte[]> r = t.api(method, path, t.adminToken(), body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                body == null ? null : "application/json");
        JsonNode json = TestInstance.json(r);
        assertThat(r.statusCode()).as(json.toString()).isEqualTo(200);
        return json.get("data");
    }

    private int runs() {
        return t.fazt.kv().get(t.fazt.apps().get("cron").id(), "runs").map(JsonNode::asInt).orElse(0);
    }

    @Test
    void aDeployedJobTicksIsListedRunsOnDemandAndLogsEveryRun() throws Exception {
        assertThat(deploy(1, "[{\"cron\": \"*/15 * * * *\", \"path\": \"/api/cron/digest\", \"tz\": \"Europe/Paris\"}]").statusCode())
                .isEqualTo(200);
        tickAt("12:01:00");
        JsonNode listed = api("GET", "/api/apps/cron/schedules", null);
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("path").asText()).isEqualTo("/api/cron/digest");
        assertThat(listed.get(0).get("tz").asText()).isEqualTo("Europe/Paris");
        assertThat(listed.get(0).get("next_run_at").asLong()).isEqualTo(Instant.parse("2026-03-10T12:15:00Z").toEpochMilli());
        assertThat(listed.get(0).has("last_run_at")).as("never ran").isFalse();

        tickAt("12:15:00");
        assertThat(runs()).isEqualTo(1);
        JsonNode after = api("GET", "/api/apps/cron/schedules", null).get(0);
        assertThat(after.get("last_outcome").asText()).isEqualTo("ok");
        assertThat(after.get("last_trigger").asText()).isEqualTo("tick");
        assertThat(after.get("next_run_at").asLong()).isEqualTo(Instant.parse("2026-03-10T12:30:00Z").toEpochMilli());

        JsonNode run = api("POST", "/api/apps/cron/schedules/run", "{\"path\": \"/api/cron/digest\"}");
        assertThat(run.get("outcome").asText()).isEqualTo("ok");
        assertThat(run.get("trigger").asText()).isEqualTo("manual");
        assertThat(run.get("status").asInt()).isEqualTo(200);
        assertThat(runs()).isEqualTo(2);

        JsonNode logs = api("GET", "/api/logs?app=cron", null);
        StringBuilder all = new StringBuilder();
        logs.forEach(l -> all.append(l.get("message").asText()).append('\n'));
        assertThat(all.toString()).containsPattern("schedule /api/cron/digest \\(tick\\): ok, 200 in \\d+ ms")
                .containsPattern("schedule /api/cron/digest \\(manual\\): ok, 200 in \\d+ ms").contains("digest run 1");
    }

    @Test
    void anIncomingRequestCannotPassItselfOffAsScheduled() {
        deploy(1, "[{\"cron\": \"@hourly\", \"path\": \"/api/cron/digest\"}]");
        HttpResponse<byte[]> r = t.send(t.request("cron.localhost", "/api/cron/digest").header("X-Fazt-Scheduled", "tick")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = TestInstance.json(r);
        assertThat(body.get("scheduled").asBoolean()).isFalse();
        assertThat(body.get("header").isNull()).isTrue();
        assertThat(runs()).isZero();
    }

    @Test
    void aBadJobIsRefusedAtDeployAndAnUnknownJobCannotBeRun() {
        HttpResponse<byte[]> bad = deploy(1, "[{\"cron\": \"*/15 * * *\", \"path\": \"/api/x\"}]");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(TestInstance.json(bad).toString()).contains("manifest.json: schedules[0]: '*/15 * * *' has 4 fields");
        HttpResponse<byte[]> outside = deploy(1, "[{\"cron\": \"@daily\", \"path\": \"/admin/purge\"}]");
        assertThat(TestInstance.json(outside).toString()).contains("the path '/admin/purge' must be a function path under /api/");

        deploy(1, "[{\"cron\": \"@daily\", \"path\": \"/api/cron/digest\"}]");
        HttpResponse<byte[]> unknown = t.api("POST", "/api/apps/cron/schedules/run", t.adminToken(),
                "{\"path\": \"/api/nope\"}".getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(TestInstance.json(unknown).toString()).contains("'cron' has no scheduled job at /api/nope");
        HttpResponse<byte[]> noPath = t.api("POST", "/api/apps/cron/schedules/run", t.adminToken(),
                "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(noPath.statusCode()).isEqualTo(400);
    }

    @Test
    void rollingBackThroughTheApiBringsBackTheOldJobs() throws Exception {
        deploy(1, "[{\"cron\": \"*/15 * * * *\", \"path\": \"/api/cron/digest\"}]");
        deploy(2, "[{\"cron\": \"@daily\", \"path\": \"/api/cron/nightly\"}]");
        tickAt("12:01:00");
        assertThat(api("GET", "/api/apps/cron/schedules", null).get(0).get("path").asText()).isEqualTo("/api/cron/nightly");
        tickAt("12:15:00");
        assertThat(runs()).isZero();
        api("POST", "/api/apps/cron/rollback", "{\"version\": 1}");
        assertThat(api("GET", "/api/apps/cron/schedules", null).get(0).get("path").asText()).isEqualTo("/api/cron/digest");
        tickAt("12:16:00");
        tickAt("12:30:00");
        assertThat(runs()).isEqualTo(1);
    }

    @Test
    void aPeerListsAndRunsTheJobsThroughItsNode() throws Exception {
        deploy(1, "[{\"cron\": \"*/15 * * * *\", \"path\": \"/api/cron/digest\", \"catchUp\": false}]");
        tickAt("12:01:00");
        String token = t.fazt.apiKeys().create("peer test", Scope.ADMIN).token();
        RemoteNode peer = RemoteNode.peer("b", URI.create("http://127.0.0.1:" + t.port()), token, (status, version) -> {});
        ScheduleRun run = peer.runSchedule("cron", "/api/cron/digest");
        assertThat(run.outcome()).isEqualTo("ok");
        assertThat(run.requestId()).startsWith("sched_");
        ScheduleInfo job = peer.schedules("cron").getFirst();
        assertThat(job).isEqualTo(t.fazt.schedules().list(t.fazt.apps().get("cron").id()).getFirst());
        assertThat(job.catchUp()).isFalse();
        assertThat(job.lastTrigger()).isEqualTo("manual");
        assertThat(job.nextRunAt()).isEqualTo(Instant.parse("2026-03-10T12:15:00Z").toEpochMilli());
        assertThatThrownBy(() -> peer.runSchedule("cron", "/api/other")).isInstanceOf(FaztException.class)
                .hasMessageContaining("'cron' has no scheduled job at /api/other");
    }
}
