package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;

/**
 * A page in Chromium opens its app's {@code /_ws} the way docs/functions.md shows, subscribes, and
 * renders what a function broadcasts; the dashboard, in another tab, counts that connection.
 */
class RealtimeBrowserTest extends DashboardSession {
    static final String PAGE = """
            <!doctype html><meta charset="utf-8"><title>live</title>
            <p id="status">connecting</p><ul id="feed"></ul>
            <script>
              const ws = new WebSocket(location.origin.replace('http', 'ws') + '/_ws');
              ws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe', channel: 'chat' }));
              ws.onmessage = (e) => {
                const msg = JSON.parse(e.data);
                if (msg.type === 'ping') ws.send(JSON.stringify({ type: 'pong' }));
                if (msg.type === 'subscribed') document.getElementById('status').textContent = 'subscribed to ' + msg.channel;
                if (msg.type === 'message') {
                  const li = document.createElement('li');
                  li.textContent = msg.channel + ': ' + msg.data.text;
                  document.getElementById('feed').append(li);
                }
              };
              ws.onclose = (e) => { document.getElementById('status').textContent = 'closed ' + e.code + ' ' + e.reason; };
            </script>
            """;

    @Test
    void aPageRendersWhatAFunctionBroadcastsAndTheDashboardCountsIt() {
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("index.html", PAGE);
        files.put("api/main.js", """
                if (request.path === '/api/say') respond({ delivered: fazt.realtime.broadcast('chat', { text: request.body.text }) });
                """);
        assertThat(t.deploy("live", TestInstance.zip(files)).statusCode()).isEqualTo(200);
        signIn(1200, 800);
        String dashboard = browser.getWindowHandle();

        browser.switchTo().newWindow(WindowType.TAB);
        browser.get("http://live.localhost:" + t.port() + "/");
        waitForText(By.id("status"), "subscribed to chat");
        HttpResponse<byte[]> said = t.send(t.request("live.localhost", "/api/say").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hello from a function\"}")).build());
        assertThat(TestInstance.json(said).get("delivered").asInt()).isEqualTo(1);
        waitForText(By.cssSelector("#feed li"), "chat: hello from a function");

        browser.switchTo().window(dashboard);
        browser.get(home() + "#/apps");
        waitForText(By.cssSelector("td[data-live='live']"), "1");
        browser.get(home() + "#/apps/live");
        waitForText(By.id("app-connections"), "1 live connection");
    }
}
