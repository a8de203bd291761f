package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What every page shares: the command palette, the keyboard, the tray's hand-off, the origin rule. */
class DashboardShellTest extends DashboardSession {
    private static final ObjectMapper JSON = new ObjectMapper();

    private void pressCtrlK() {
        new Actions(browser).keyDown(Keys.CONTROL).sendKeys("k").keyUp(Keys.CONTROL).perform();
    }

    @Test
    void thePaletteJumpsToAPageAndToAnAppByTypingAFewLetters() {
        t.deploy("garden-journal", TestInstance.zip(Map.of("index.html", "x")));
        signIn(1280, 900);
        pressCtrlK();
        WebElement input = waitFor(By.id("palette-input"));
        input.sendKeys("alia");
        waitForText(By.cssSelector("#palette-list li[aria-selected=true]"), "Go to Aliases");
        input.sendKeys(Keys.ENTER);
        waitFor(By.id("alias-subdomain"));
        assertThat(browser.getCurrentUrl()).endsWith("#/aliases");

        browser.findElement(By.id("jump")).click();
        input = waitFor(By.id("palette-input"));
        input.sendKeys("garden");
        waitForText(By.cssSelector("#palette-list li[aria-selected=true]"), "App garden-journal");
        input.sendKeys(Keys.ENTER);
        waitFor(By.id("versions"));
        assertThat(browser.getCurrentUrl()).endsWith("#/apps/garden-journal");
    }

    @Test
    void aKeyCanBeMadeWithTheKeyboardAlone() {
        t.fazt.owner().setCredentials("admin", PASSWORD);
        browser = ChromiumDriver.start(1280, 900);
        browser.get(home());
        waitFor(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
        waitFor(By.id("health-version"));
        pressCtrlK();
        waitFor(By.id("palette-input")).sendKeys("create api", Keys.ARROW_DOWN, Keys.ARROW_UP, Keys.ENTER);
        waitFor(By.id("key-name"));
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> "key-name".equals(d.switchTo().activeElement().getAttribute("id")));
        browser.switchTo().activeElement().sendKeys("typed", Keys.ENTER);
        assertThat(waitFor(By.id("new-token")).getText()).startsWith("fzt_");
        assertThat(t.fazt.apiKeys().list()).anySatisfy(k -> assertThat(k.name()).isEqualTo("typed"));
    }

    @Test
    void escapeClosesThePaletteAndNothingMatchesIsSaid() {
        signIn(1280, 900);
        pressCtrlK();
        WebElement input = waitFor(By.id("palette-input"));
        input.sendKeys("zzzz-no-such-thing");
        waitForText(By.id("palette-list"), "Nothing matches.");
        input.sendKeys(Keys.ESCAPE);
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> !d.findElement(By.id("palette")).isDisplayed());
    }

    @Test
    void leavingAndComingBackManyTimesNeverLeavesAPageWaitingForAConnection() {
        signIn(1280, 900);
        // a browser opens at most six connections per host; pages kept in its back/forward cache
        // with their streams open would use them all, and the next page would wait for a minute
        // (the page-load bound below is the same 20 s as every wait of these tests)
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        for (int i = 0; i < 8; i++) {
            browser.get(home() + "#/logs");
            waitForText(By.id("logs-state"), "Live");
            browser.get("about:blank");
        }
        browser.get(home() + "#/apps");
        waitFor(By.id("drop-zone"));
        browser.navigate().back();
        browser.navigate().back();
        waitForText(By.id("logs-state"), "Live");
    }

    @Test
    void theTraysHandOffLinkOpensTheDashboardSignedInOnce() {
        t.fazt.owner().setCredentials("admin", PASSWORD);
        browser = ChromiumDriver.start(1280, 900);
        String link = home() + "auth/handoff?code=" + t.fazt.handoffCodes().mint();
        browser.get(link);
        waitFor(By.id("health-version"));
        browser.manage().deleteAllCookies();
        browser.get(link);
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("already used or has expired");
    }

    @Test
    void noPageAsksAnythingOfAnotherOriginAndEveryPageCarriesThePolicy() throws Exception {
        t.deploy("site", TestInstance.zip(Map.of("index.html", "x", "api/main.js", "respond({ok: true})")));
        signIn(1280, 900);
        List<String> pages = new ArrayList<>();
        for (WebElement link : browser.findElements(By.cssSelector("header nav a"))) pages.add(link.getAttribute("href"));
        pages.add(home() + "#/apps/site");
        for (String page : pages) {
            browser.get(page);
            browser.navigate().refresh();
            waitFor(By.cssSelector("#page h1"));
        }
        String origin = URI.create(home()).getScheme() + "://" + URI.create(home()).getAuthority();
        List<String> asked = new ArrayList<>();
        int documents = 0;
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            JsonNode params = message.path("params");
            if (message.path("method").asText().equals("Network.requestWillBeSent")) {
                asked.add(params.path("request").path("url").asText());
            }
            if (message.path("method").asText().equals("Network.responseReceived")
                    && params.path("type").asText().equals("Document")
                    && params.path("response").path("url").asText().startsWith(origin)) {
                documents++;
                JsonNode headers = params.path("response").path("headers");
                String csp = headers.path("content-security-policy").asText(headers.path("Content-Security-Policy").asText());
                assertThat(csp).as(params.path("response").path("url").asText()).contains("connect-src 'self'", "frame-ancestors 'none'");
            }
        }
        assertThat(documents).as("every page load seen in the network log").isGreaterThanOrEqualTo(pages.size());
        assertThat(asked).hasSizeGreaterThan(pages.size() * 3);
        assertThat(asked).allSatisfy(url -> assertThat(url.startsWith(origin + "/") || url.startsWith("data:") || url.startsWith("blob:"))
                .as(url).isTrue());
    }
}
