package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.LocalNode;
import fazt.core.apps.DeployInput;
import fazt.core.schedules.ScheduleInfo;
import fazt.core.schedules.ScheduleRun;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The chat of {@code examples/chat}, which is also the {@code realtime} template: a message posted
 * to its function is stored and reaches a page subscribed on {@code /_ws} in the documented shape,
 * bad input is refused in words, and its hourly clean-up is a scheduled job that only the
 * scheduler (or the owner, running it now) can start.
 */
class ChatTemplateTest {
    private final TestInstance t = new TestInstance();
    private final LocalNode node = new LocalNode(t.fazt);

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void theRealtimeTemplateChatsOverWebSocketsAndCleansUpOnItsSchedule() {
        assertThat(node.createFromTemplate("chatroom", "realtime").version()).isEqualTo(1);
        String host = "chatroom.localhost";
        assertThat(text(t.get(host, "/"))).contains("<title>Chat on fazt</title>", "src=\"app.js\"");

        RealtimeTestClient page = RealtimeTestClient.open(t, host);
        page.send("{\"type\":\"subscribe\",\"channel\":\"room\"}");
        assertThat(page.next().get("type").asText()).isEqualTo("subscribed");

        HttpResponse<byte[]> posted = post(host, "/api/messages", "{\"name\": \"ann\", \"text\": \"hello, room\"}");
        assertThat(posted.statusCode()).as(text(posted)).isEqualTo(201);
        JsonNode pushed = page.next();
        assertThat(pushed.get("type").asText()).isEqualTo("message");
        assertThat(pushed.get("channel").asText()).isEqualTo("room");
        assertThat(pushed.get("data").get("name").asText()).isEqualTo("ann");
        assertThat(pushed.get("data").get("text").asText()).isEqualTo("hello, room");
        assertThat(pushed.get("timestamp").asLong()).isPositive();
        page.close();

        JsonNode latest = TestInstance.json(t.get(host, "/api/messages"));
        assertThat(latest.findValuesAsText("text")).containsExactly("hello, room");
        HttpResponse<byte[]> empty = post(host, "/api/messages", "{\"name\": \"ann\", \"text\": \"  \"}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(TestInstance.json(empty).get("error").asText()).isEqualTo("text: 1 to 500 characters");

        HttpResponse<byte[]> forged = t.send(t.request(host, "/api/cron/cleanup").header("X-Fazt-Scheduled", "tick")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(forged.statusCode()).as("a visitor cannot start the clean-up, header or not").isEqualTo(403);

        assertThat(node.schedules("chatroom")).extracting(ScheduleInfo::path, ScheduleInfo::cron)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/api/cron/cleanup", "@hourly"));
        ScheduleRun run = node.runSchedule("chatroom", "/api/cron/cleanup");
        assertThat(run.outcome()).isEqualTo("ok");
        assertThat(run.status()).isEqualTo(200);
        assertThat(TestInstance.json(t.get(host, "/api/messages")).size()).as("a message younger than a day stays").isEqualTo(1);
    }

    @Test
    void examplesChatDeploysAsItIsUnderItsFolderName() {
        DeployInput input = DeployInput.of(Path.of("../examples/chat"), null, false);
        assertThat(node.deploy(input.appName(), input.zip(), null, sent -> { }).app()).isEqualTo("chat");
        assertThat(text(t.get("chat.localhost", "/"))).contains("<title>Chat on fazt</title>");
        assertThat(node.schedules("chat")).extracting(ScheduleInfo::path).containsExactly("/api/cron/cleanup");
    }

    private HttpResponse<byte[]> post(String host, String path, String json) {
        return t.send(t.request(host, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
