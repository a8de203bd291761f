package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Logs page and the app page's Environment and Live logs sections, in a real browser against a real instance. */
class DashboardLogsTest extends DashboardSession {
    /** A function that logs who asked (and an error when asked to fail) and answers with its GREETING variable. */
    private static final String FUNCTION = """
            console.log('greeting asked by ' + (request.query.who || 'nobody'))
            if (request.query.fail) console.error('failing on purpose for ' + request.query.who)
            respond({ greeting: fazt.env.get('GREETING', 'none') })
            """;

    private void deployGreeter() {
        assertThat(t.deploy("greeter", TestInstance.zip(Map.of("index.html", "hi", "api/main.js", FUNCTION))).statusCode()).isEqualTo(200);
    }

    private String callFunction(String query) {
        return new String(t.get("greeter.localhost", "/api?" + query).body(), StandardCharsets.UTF_8);
    }

    private List<WebElement> rows(String list) {
        return browser.findElements(By.cssSelector("#" + list + " li[data-log-id]"));
    }

    /** The app page is drawn again when a change (such as setting a variable) comes back on the change stream: find, then act, again if it was replaced. */
    private void click(By by) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(d -> {
            waitFor(by).click();
            return true;
        });
    }

    private String textOf(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(d -> waitFor(by).getText());
    }

    private void waitForRow(String list, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(d -> rows(list).stream().anyMatch(r -> r.getText().contains(text)));
    }

    @Test
    void aVariableSetOnTheAppPageIsSeenByTheFunctionAndItsLogLineShowsLiveOnTheAppPage() {
        deployGreeter();
        signIn(1280, 900);
        browser.get(home() + "#/apps/greeter");
        waitFor(By.id("env-key")).sendKeys("GREETING");
        browser.findElement(By.id("env-value")).sendKeys("hello from the page");
        browser.findElement(By.id("env-set")).click();
        waitForText(By.id("env-message"), "GREETING is set");
        assertThat(textOf(By.cssSelector("#envvars li[data-env='GREETING'] .env-value"))).as("hidden until asked")
                .isEqualTo("••••••••");
        click(By.cssSelector("#envvars li[data-env='GREETING'] .env-show"));
        waitForText(By.cssSelector("#envvars li[data-env='GREETING'] .env-value"), "hello from the page");

        waitForText(By.id("app-logs-state"), "Live");
        assertThat(callFunction("who=the-app-page")).isEqualTo("{\"greeting\":\"hello from the page\"}");
        waitForRow("app-logs-lines", "greeting asked by the-app-page");

        click(By.cssSelector("#envvars li[data-env='GREETING'] .env-delete"));
        assertThat(browser.switchTo().alert().getText()).contains("GREETING", "greeter");
        browser.switchTo().alert().accept();
        waitForText(By.id("env-message"), "GREETING is deleted");
        assertThat(browser.findElements(By.cssSelector("#envvars li[data-env='GREETING']"))).isEmpty();
        assertThat(callFunction("who=after-delete")).isEqualTo("{\"greeting\":\"none\"}");
    }

    @Test
    void aLineLoggedByAFunctionShowsOnTheLogsPageWithoutReloadAndPauseHoldsNewLinesUntilResume() {
        deployGreeter();
        callFunction("who=before-the-page");
        signIn(1280, 900);
        browser.findElement(By.id("nav-logs")).click();
        waitForRow("logs-lines", "greeting asked by before-the-page");
        waitForText(By.id("logs-state"), "Live");

        callFunction("who=while-watching");
        waitForRow("logs-lines", "greeting asked by while-watching");

        browser.findElement(By.id("logs-pause")).click();
        callFunction("who=while-paused");
        waitForText(By.id("logs-waiting"), "1 new line waiting");
        assertThat(rows("logs-lines")).noneMatch(r -> r.getText().contains("while-paused"));
        browser.findElement(By.id("logs-pause")).click();
        waitForRow("logs-lines", "greeting asked by while-paused");
        assertThat(browser.findElement(By.id("logs-waiting")).getText()).isEmpty();

        browser.findElement(By.id("logs-search")).sendKeys("while-watching");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> rows("logs-lines").size() == 1);
        assertThat(rows("logs-lines").get(0).getText()).contains("greeting asked by while-watching");
    }

    @Test
    void theLevelFilterHidesLinesOfOtherLevels() {
        deployGreeter();
        signIn(1280, 900);
        browser.get(home() + "#/logs/greeter");
        waitForText(By.id("logs-state"), "Live");
        assertThat(new Select(browser.findElement(By.id("logs-app"))).getFirstSelectedOption().getText()).isEqualTo("greeter");
        new Select(browser.findElement(By.id("logs-level"))).selectByValue("error");
        waitForText(By.id("logs-state"), "Live");
        callFunction("who=filtered&fail=1");
        // the info line was logged before the error line, so it would have arrived first
        waitForRow("logs-lines", "failing on purpose for filtered");
        assertThat(rows("logs-lines")).allMatch(r -> "error".equals(r.getAttribute("data-level")));
        assertThat(rows("logs-lines")).noneMatch(r -> r.getText().contains("greeting asked by"));
    }

    @Test
    void tenThousandLinesAreKeptWhileThePageHoldsOnlyTheNewestRows() {
        deployGreeter();
        String app = t.fazt.apps().get("greeter").id();
        signIn(1280, 900);
        browser.get(home() + "#/logs");
        waitForText(By.id("logs-state"), "Live");
        // stored a thousand at a time: a tight loop of 10,500 can outrun the writer on a busy machine,
        // and lines beyond the waiting limit are dropped by design (FunctionLogs)
        for (int i = 1; i <= 10_500; i++) {
            t.fazt.functionLogs().append(app, "greeter", 1, "info", "line " + i, null);
            if (i % 1000 == 0) t.fazt.functionLogs().flush();
        }
        waitForText(By.id("logs-count"), "10,000 lines kept");
        waitForRow("logs-lines", "line 10500");
        assertThat(rows("logs-lines").size()).isLessThanOrEqualTo(300);
        assertThat(rows("logs-lines").get(0).getText()).endsWith("line 10500");
        browser.findElement(By.id("logs-search")).sendKeys("line 777");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> rows("logs-lines").size() == 11); // 777, 7770…7779
    }

    @Test
    void onAManagedPeerTheVariableAndTheLogLinesAreThePeers() {
        try (TestInstance peer = new TestInstance()) {
            t.fazt.peerLinking().link("home", "http://127.0.0.1:" + peer.port(), peer.fazt.pairing().mint().code());
            assertThat(peer.deploy("greeter", TestInstance.zip(Map.of("index.html", "hi", "api/main.js", FUNCTION))).statusCode()).isEqualTo(200);
            signIn(1280, 900);
            new Select(waitFor(By.id("instance"))).selectByValue("home");
            browser.get(home() + "#/apps/greeter");
            waitFor(By.id("env-key")).sendKeys("GREETING");
            browser.findElement(By.id("env-value")).sendKeys("set through the relay");
            browser.findElement(By.id("env-set")).click();
            waitForText(By.id("env-message"), "GREETING is set");
            assertThat(new String(peer.get("greeter.localhost", "/api?who=x").body(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"greeting\":\"set through the relay\"}");

            browser.get(home() + "#/logs");
            waitForText(By.id("logs-state"), "Live");
            peer.get("greeter.localhost", "/api?who=on-the-peer");
            waitForRow("logs-lines", "greeting asked by on-the-peer");
        }
    }

    @Test
    void leavingThePageEndsItsLogStream() {
        deployGreeter();
        String app = t.fazt.apps().get("greeter").id();
        signIn(1280, 900);
        browser.get(home() + "#/apps/greeter");
        waitForText(By.id("app-logs-state"), "Live");
        browser.findElement(By.id("app-logs-open")).click();
        waitForText(By.id("logs-state"), "Live");
        assertThat(browser.findElement(By.id("logs-app")).getAttribute("value")).isEqualTo("greeter");
        // the app page's stream ended when the Logs page's began; a server sees a closed stream when it next writes
        followersBecome(1, app);
        browser.findElement(By.id("nav-keys")).click();
        waitFor(By.id("key-name"));
        followersBecome(0, app);
    }

    private void followersBecome(int n, String app) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            t.fazt.functionLogs().append(app, "greeter", 1, "info", "a line to write", null);
            return t.fazt.functionLogs().followerCount() == n;
        });
    }

    @Test
    void atPhoneWidthTheLogsPageAndTheAppPageDoNotScrollSideways() {
        deployGreeter();
        t.fazt.envVars().set(t.fazt.apps().get("greeter").id(), "A_RATHER_LONG_VARIABLE_NAME_FOR_A_PHONE", "x".repeat(200));
        callFunction("who=" + "a-very-long-word".repeat(20));
        signIn(360, 740);
        for (String page : new String[] {"#/logs", "#/apps/greeter"}) {
            browser.get(home() + page);
            browser.navigate().refresh();
            waitForRow(page.equals("#/logs") ? "logs-lines" : "app-logs-lines", "greeting asked by");
            if (page.equals("#/apps/greeter")) click(By.cssSelector("#envvars .env-show"));
            Object overflow = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).intValue()).as(page).isLessThanOrEqualTo(0);
        }
    }
}
