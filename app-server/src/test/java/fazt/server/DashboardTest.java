package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.Version;
import fazt.core.identity.Users;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The web dashboard in a real browser (headless chromium) against a real instance. */
class DashboardTest extends DashboardSession {
    @Test
    void aWrongPasswordIsSaidInWordsAndTheRightOneOpensTheOverview() {
        t.fazt.owner().setCredentials("admin", PASSWORD);
        browser = ChromiumDriver.start(1280, 900);
        browser.get(home());
        waitFor(By.id("password")).sendKeys("not the password");
        browser.findElement(By.id("signin")).click();
        waitForText(By.id("signin-error"), "wrong username or password");
        WebElement password = browser.findElement(By.id("password"));
        password.clear();
        password.sendKeys(PASSWORD);
        browser.findElement(By.id("signin")).click();
        assertThat(waitFor(By.id("health-version")).getText()).isEqualTo(Version.get());
        assertThat(browser.findElement(By.id("health-data")).getText()).isEqualTo(t.fazt.dataFile().toString());
    }

    @Test
    void repeatedWrongPasswordsAreThrottledAndTheWaitIsSaidInWords() {
        t.fazt.owner().setCredentials("admin", PASSWORD);
        browser = ChromiumDriver.start(1280, 900);
        browser.get(home());
        for (int i = 1; i <= 6; i++) {
            WebElement password = waitFor(By.id("password"));
            password.clear();
            password.sendKeys("wrong " + i);
            browser.findElement(By.id("signin")).click();
            waitForText(By.id("signin-error"), i <= 5 ? "wrong username or password" : "too many failed sign-ins");
            if (i < 6) ((JavascriptExecutor) browser).executeScript("document.getElementById('signin-error').textContent = ''");
        }
        WebElement password = browser.findElement(By.id("password"));
        password.clear();
        password.sendKeys(PASSWORD);
        browser.findElement(By.id("signin")).click();
        waitForText(By.id("signin-error"), "try again in");
        assertThat(browser.findElements(By.id("health"))).as("even the right password waits").isEmpty();
    }

    @Test
    void aFolderChosenOnThePageIsPublishedWithoutItsDotfilesAndServed() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("garden"));
        Files.writeString(folder.resolve("index.html"), "<h1>garden</h1>");
        Files.createDirectories(folder.resolve("css"));
        Files.writeString(folder.resolve("css/site.css"), "h1 { color: green }");
        Files.writeString(folder.resolve(".env"), "SECRET=1");
        signIn(1280, 900);
        browser.findElement(By.id("nav-apps")).click();
        waitFor(By.id("drop-zone"));
        browser.findElement(By.id("deploy-folder")).sendKeys(folder.toString());
        waitForText(By.id("deploy-message"), "Published garden version 1 (2 files");
        assertThat(new String(t.get("garden.localhost", "/").body(), StandardCharsets.UTF_8)).isEqualTo("<h1>garden</h1>");
        assertThat(new String(t.get("garden.localhost", "/css/site.css").body(), StandardCharsets.UTF_8)).contains("green");
        assertThat(t.get("garden.localhost", "/.env").statusCode()).isEqualTo(404);
    }

    @Test
    void anAppUsersSessionSeesTheSignInPageNotTheDashboard() {
        Users.User user = t.fazt.users().signIn(new Users.SignIn("dev", "u", "u@example.com", true, "U", null));
        String token = t.fazt.sessions().create(user.id(), false).token();
        browser = ChromiumDriver.start(1280, 900);
        browser.get(home() + "assets/icon.svg");
        browser.manage().addCookie(new Cookie("fazt_session", token, "localhost", "/", null));
        browser.get(home());
        waitFor(By.id("password"));
        assertThat(browser.findElements(By.id("health"))).isEmpty();
    }

    @Test
    void aZipPublishedFromThePageServesAndRollingBackFromThePageServesTheOldVersion() throws Exception {
        signIn(1280, 900);
        browser.findElement(By.id("nav-apps")).click();
        waitFor(By.id("drop-zone"));
        browser.findElement(By.id("deploy-zip")).sendKeys(zipFile("site", Map.of("index.html", "<h1>one</h1>")).toString());
        waitForText(By.id("deploy-message"), "Published site version 1");
        assertThat(new String(t.get("site.localhost", "/").body(), StandardCharsets.UTF_8)).isEqualTo("<h1>one</h1>");

        t.deploy("site", TestInstance.zip(Map.of("index.html", "<h1>two</h1>")));
        browser.get(home() + "#/apps/site");
        browser.navigate().refresh();
        waitFor(By.cssSelector("#versions li[data-version='1'] button")).click();
        waitForText(By.id("app-message"), "site now serves version 1");
        assertThat(new String(t.get("site.localhost", "/").body(), StandardCharsets.UTF_8)).isEqualTo("<h1>one</h1>");
    }

    @Test
    void aDeployMadeElsewhereShowsInTheOpenListWithoutReloading() {
        signIn(1280, 900);
        browser.get(home() + "#/apps");
        waitFor(By.id("drop-zone"));
        t.deploy("from-the-cli", TestInstance.zip(Map.of("index.html", "x")));
        waitFor(By.cssSelector("#apps tr[data-app='from-the-cli']"));
    }

    @Test
    void anAliasSetAndSwappedOnThePageRoutesOverHttp() {
        t.deploy("one", TestInstance.zip(Map.of("index.html", "site one")));
        t.deploy("two", TestInstance.zip(Map.of("index.html", "site two")));
        signIn(1280, 900);
        browser.findElement(By.id("nav-aliases")).click();
        waitFor(By.id("alias-subdomain")).sendKeys("front");
        browser.findElement(By.id("alias-target")).sendKeys("one");
        browser.findElement(By.id("alias-set")).click();
        waitForText(By.id("aliases-message"), "front is set");
        assertThat(new String(t.get("front.localhost", "/").body(), StandardCharsets.UTF_8)).isEqualTo("site one");
        new Select(waitFor(By.cssSelector("#aliases tr[data-alias='front'] select"))).selectByValue("two");
        waitForText(By.id("aliases-message"), "front and two swapped");
        assertThat(new String(t.get("front.localhost", "/").body(), StandardCharsets.UTF_8)).isEqualTo("site two");
        assertThat(new String(t.get("two.localhost", "/").body(), StandardCharsets.UTF_8)).isEqualTo("site one");
    }

    @Test
    void aKeyMadeOnThePageWorksOnceShownAndStopsWhenRevoked() {
        signIn(1280, 900);
        browser.findElement(By.id("nav-keys")).click();
        waitFor(By.id("key-name")).sendKeys("ci");
        new Select(browser.findElement(By.id("key-scope"))).selectByValue("read");
        browser.findElement(By.id("key-create")).click();
        String token = waitFor(By.id("new-token")).getText();
        assertThat(token).startsWith("fzt_");
        assertThat(t.api("GET", "/api/apps", token, null, null).statusCode()).isEqualTo(200);
        waitFor(By.cssSelector("#keys tr[data-key='ci'] button")).click();
        browser.switchTo().alert().accept();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector("#keys tr[data-key='ci']")).isEmpty());
        assertThat(t.api("GET", "/api/apps", token, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aBadZipIsRefusedWithTheServersWords() throws Exception {
        signIn(1280, 900);
        browser.get(home() + "#/apps");
        waitFor(By.id("drop-zone"));
        browser.findElement(By.id("deploy-zip")).sendKeys(zipFile("evil", Map.of("../../evil.txt", "x")).toString());
        waitForText(By.id("deploy-message"), "Not published:");
        assertThat(browser.findElement(By.id("deploy-message")).getText()).contains("'..'");
        assertThat(t.fazt.apps().idForName("evil")).isEmpty();
    }

    @Test
    void theWholeDashboardManagesALinkedPeer() throws Exception {
        try (TestInstance peer = new TestInstance()) {
            t.fazt.peerLinking().link("home", "http://127.0.0.1:" + peer.port(), peer.fazt.pairing().mint().code());
            signIn(1280, 900);
            new Select(waitFor(By.id("instance"))).selectByValue("home");
            waitForText(By.id("health-data"), peer.fazt.dataFile().toString());
            browser.findElement(By.id("nav-apps")).click();
            waitFor(By.id("drop-zone"));
            browser.findElement(By.id("deploy-zip")).sendKeys(zipFile("remote", Map.of("index.html", "on the peer")).toString());
            waitForText(By.id("deploy-message"), "Published remote version 1");
            assertThat(new String(peer.get("remote.localhost", "/").body(), StandardCharsets.UTF_8)).isEqualTo("on the peer");
            assertThat(t.fazt.apps().idForName("remote")).as("nothing landed here").isEmpty();
            peer.deploy("made-on-the-peer", TestInstance.zip(Map.of("index.html", "x")));
            waitFor(By.cssSelector("#apps tr[data-app='made-on-the-peer']"));
        }
    }

    @Test
    void atPhoneWidthNothingScrollsSidewaysOnAnyPage() throws Exception {
        t.deploy("a-rather-long-application-name", TestInstance.zip(Map.of("index.html", "x")));
        signIn(360, 740);
        List<String> pages = new ArrayList<>();
        for (WebElement link : browser.findElements(By.cssSelector("header nav a"))) pages.add(link.getAttribute("href"));
        assertThat(pages).hasSizeGreaterThanOrEqualTo(4);
        pages.add(home() + "#/apps/a-rather-long-application-name");
        for (String page : pages) {
            browser.get(page);
            browser.navigate().refresh();
            waitFor(By.cssSelector("#page h1"));
            Object overflow = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).intValue()).as(page).isLessThanOrEqualTo(0);
        }
    }

    @Test
    void everyDashboardAnswerCarriesAStrictContentSecurityPolicy() {
        for (String path : new String[] {"/", "/assets/app.js", "/assets/app.css", "/anything/else", "/assets/missing.js"}) {
            HttpResponse<byte[]> r = t.get("localhost", path);
            assertThat(r.headers().firstValue("content-security-policy")).as(path)
                    .hasValueSatisfying(v -> assertThat(v).contains("script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                            .doesNotContain("unsafe-inline", "unsafe-eval"));
        }
        assertThat(t.get("localhost", "/assets/missing.js").statusCode()).isEqualTo(404);
        assertThat(new String(t.get("admin.localhost", "/").body(), StandardCharsets.UTF_8)).contains("/assets/app.js");
    }
}
