package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.schedules.ScheduleInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** An app's page in a real browser shows its scheduled jobs and runs one on request. */
class DashboardSchedulesTest extends DashboardSession {
    @Test
    void theAppPageListsTheJobsAndRunsOneNow() {
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("index.html", "hi");
        // ticks once a year, so no tick of the real clock lands in the test
        files.put("manifest.json", "{\"schedules\": [{\"cron\": \"0 0 1 1 *\", \"path\": \"/api/cron/digest\", \"tz\": \"Europe/Paris\"},"
                + " {\"cron\": \"@yearly\", \"path\": \"/api/cron/strict\", \"catchUp\": false}]}");
        files.put("api/main.js", "({scheduled: request.scheduled})");
        assertThat(t.deploy("cron", TestInstance.zip(files)).statusCode()).isEqualTo(200);
        t.deploy("plain", TestInstance.zip(Map.of("index.html", "plain")));
        signIn(1280, 900);

        browser.get(home() + "#/apps/cron");
        WebElement digest = waitFor(By.cssSelector("#schedules-list tr[data-path='/api/cron/digest']"));
        assertThat(digest.getText()).contains("/api/cron/digest", "0 0 1 1 *", "Europe/Paris", "never");
        assertThat(browser.findElement(By.cssSelector("#schedules-list tr[data-path='/api/cron/strict']")).getText())
                .contains("@yearly (no catch-up)").doesNotContain("UTC");

        digest.findElement(By.cssSelector("button.run-now")).click();
        waitForText(By.id("schedules-message"), "Ran /api/cron/digest: ok, 200 in");
        waitForText(By.cssSelector("#schedules-list tr[data-path='/api/cron/digest'] .result"), "ok (200,");
        ScheduleInfo job = t.fazt.schedules().list(t.fazt.apps().get("cron").id()).getFirst();
        assertThat(job.lastTrigger()).isEqualTo("manual");

        browser.get(home() + "#/apps/plain");
        waitFor(By.id("versions"));
        assertThat(browser.findElements(By.id("schedules"))).as("no section for an app without jobs").isEmpty();
    }
}
