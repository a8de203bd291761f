package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.db.DataFileQueries;
import fazt.core.identity.Invites;
import fazt.core.identity.Scope;
import fazt.core.identity.Users;
import fazt.core.peers.Peer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Users and sign-in, Peers and System pages in a real browser against real instances. */
class DashboardPeopleTest extends DashboardSession {
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    /** Signs in with a browser that saves downloads into {@code downloads}. */
    private void signInSavingDownloads(Path downloads, int width, int height) {
        t.fazt.owner().setCredentials("admin", PASSWORD);
        browser = ChromiumDriver.start(width, height, downloads);
        browser.get(home());
        waitFor(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("signin")).click();
        waitFor(By.id("health-version"));
    }

    private void open(String page) {
        browser.findElement(By.id("nav-" + page)).click();
        waitFor(By.cssSelector("#page h1"));
    }

    /** The one finished download in {@code downloads} (chromium writes *.crdownload until it is complete). */
    private Path downloaded(Path downloads) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                var done = files.filter(f -> !f.getFileName().toString().endsWith(".crdownload")).toList();
                return done.size() == 1 ? done.get(0) : null;
            } catch (IOException e) {
                return null;
            }
        });
    }

    private static void assertSqlite(Path file) throws IOException {
        byte[] head = new byte[SQLITE_HEADER.length];
        try (InputStream in = Files.newInputStream(file)) {
            assertThat(in.readNBytes(head, 0, head.length)).isEqualTo(head.length);
        }
        assertThat(head).as("starts like a SQLite file").isEqualTo(SQLITE_HEADER);
    }

    /** Clicks what {@code by} finds, finding it again when a live redraw replaced it meanwhile. */
    private void click(By by) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    private void accept() {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
            try {
                d.switchTo().alert().accept();
                return true;
            } catch (org.openqa.selenium.NoAlertPresentException e) {
                return false;
            }
        });
    }

    /** The element's text once it has some, read again if the change stream redrew the page in between. */
    private String textOnceShown(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(d -> {
            String text = d.findElement(by).getText();
            return text.isEmpty() ? null : text;
        });
    }

    @Test
    void aPeerLinkedOnThePeersPageIsManagedDeployedToAndBackedUp() throws Exception {
        try (TestInstance peer = new TestInstance()) {
            Path downloads = Files.createDirectories(dir.resolve("downloads"));
            signInSavingDownloads(downloads, 1280, 900);
            open("peers");
            String code = peer.fazt.pairing().mint().code();
            browser.findElement(By.id("peer-name")).sendKeys("home");
            browser.findElement(By.id("peer-url")).sendKeys("http://127.0.0.1:" + peer.port());
            browser.findElement(By.id("peer-code")).sendKeys(code);
            click(By.id("peer-link"));
            waitForText(By.id("peers-message"), "Linked home");
            waitFor(By.cssSelector("#peers tr[data-peer='home'] td.peer-status[data-status='" + Peer.ONLINE + "']"));
            assertThat(t.fazt.peers().list()).extracting(Peer::name).containsExactly("home");
            // the header's menu offers the new peer without reloading
            waitFor(By.cssSelector("#instance option[value='home']"));

            click(By.cssSelector("button[data-manage='home']"));
            waitForText(By.id("health-data"), peer.fazt.dataFile().toString());
            assertThat(new Select(browser.findElement(By.id("instance"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("home");

            open("apps");
            waitFor(By.id("drop-zone"));
            browser.findElement(By.id("deploy-zip")).sendKeys(zipFile("remote", Map.of("index.html", "on the peer")).toString());
            waitForText(By.id("deploy-message"), "Published remote version 1");
            assertThat(new String(peer.get("remote.localhost", "/").body(), StandardCharsets.UTF_8)).isEqualTo("on the peer");
            assertThat(t.fazt.apps().idForName("remote")).as("nothing landed here").isEmpty();

            // the peer's backup comes through this instance (fetched, since a link cannot send X-Fazt-Peer)
            open("system");
            waitForText(By.id("system-data"), peer.fazt.dataFile().toString());
            click(By.id("backup-download"));
            Path backup = downloaded(downloads);
            assertThat(backup.getFileName().toString()).isEqualTo("fazt-backup-home.db");
            assertSqlite(backup);
            assertThat(DataFileQueries.readOnly(backup).number("SELECT COUNT(*) FROM apps WHERE name = ?", "remote"))
                    .as("the peer's data, not this instance's").isEqualTo(1);

            // the Peers page keeps showing this instance's own peers while one is managed
            open("peers");
            waitFor(By.cssSelector("#peers tr[data-peer='home']"));
            click(By.cssSelector("button[data-unlink='home']"));
            accept();
            waitFor(By.id("no-peers"));
            assertThat(t.fazt.peers().list()).isEmpty();
            // the managed peer is gone: the header goes back to this instance
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(d ->
                    "".equals(new Select(d.findElement(By.id("instance"))).getFirstSelectedOption().getAttribute("value")));
        }
    }

    @Test
    void aPairingCodeMadeOnThePageLinksAnotherInstanceToThisOne() {
        signIn(1280, 900);
        open("peers");
        click(By.id("pairing-mint"));
        String code = waitFor(By.id("pairing-code")).getText();
        assertThat(browser.findElement(By.id("pairing-expiry")).getText()).startsWith("Usable once, until");
        assertThat(browser.findElement(By.id("pairing-addresses")).getText()).contains("http://localhost:" + t.port());
        try (TestInstance other = new TestInstance()) {
            Peer linked = other.fazt.peerLinking().link("laptop", "http://127.0.0.1:" + t.port(), code);
            assertThat(linked.status()).isEqualTo(Peer.ONLINE);
        }
    }

    @Test
    void settingsBackupInvitesRolesAndProvidersFromThePages() throws Exception {
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        signInSavingDownloads(downloads, 1280, 900);
        String admin = t.fazt.apiKeys().create("check", Scope.ADMIN).token();

        open("system");
        WebElement retention = waitFor(By.id("setting-analytics_retention_days"));
        assertThat(retention.getAttribute("value")).isEqualTo("400");
        retention.clear();
        retention.sendKeys("90");
        WebElement timeout = browser.findElement(By.id("setting-functions_timeout_ms"));
        timeout.clear();
        timeout.sendKeys("soon");
        click(By.id("settings-save"));
        waitForText(By.id("settings-message"), "functions_timeout_ms must be a whole number");
        assertThat(t.fazt.config().get("analytics_retention_days")).as("nothing stored when one value is refused").isEqualTo("400");
        timeout = browser.findElement(By.id("setting-functions_timeout_ms"));
        timeout.clear();
        timeout.sendKeys("2500");
        click(By.id("settings-save"));
        waitForText(By.id("settings-message"), "Saved: analytics_retention_days, functions_timeout_ms.");
        var config = TestInstance.json(t.api("GET", "/api/system/config", admin, null, null)).get("data");
        assertThat(config.get("analytics_retention_days").asText()).isEqualTo("90");
        assertThat(config.get("functions_timeout_ms").asText()).isEqualTo("2500");

        click(By.id("backup-download"));
        Path backup = downloaded(downloads);
        assertSqlite(backup);
        assertThat(DataFileQueries.readOnly(backup).rows("SELECT value FROM config WHERE key = ?", "analytics_retention_days"))
                .as("the backup holds the setting just stored").hasSize(1);

        Users.User user = t.fazt.users().signIn(new Users.SignIn("dev", "ann", "ann@example.com", true, "Ann", null));
        t.fazt.invites().create("user", 1, 7); // one made elsewhere, listed too
        open("users");
        By role = By.cssSelector("select.user-role[data-user='" + user.id() + "']");
        waitFor(role);
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(d -> {
            new Select(d.findElement(role)).selectByValue("admin");
            return true;
        });
        waitForText(By.id("users-message"), "ann@example.com is admin now.");
        assertThat(t.fazt.users().get(user.id()).orElseThrow().role()).isEqualTo("admin");
        assertThat(browser.findElements(By.cssSelector("tr[data-user='owner'] select"))).as("the owner's role is not offered").isEmpty();

        // the role change's own event redraws the page a moment later, which may land while the form is filled
        fillSurvivingRedraws(() -> new Select(browser.findElement(By.id("invite-role"))).selectByValue("admin"),
                new String[][] {{"invite-uses", "3"}});
        click(By.id("invite-create"));
        String code = textOnceShown(By.id("invite-code"));
        Invites.Invite made = t.fazt.invites().list().stream().filter(i -> i.code().equals(code)).findFirst().orElseThrow();
        assertThat(made.role()).isEqualTo("admin");
        assertThat(made.maxUses()).isEqualTo(3);
        assertThat(textOnceShown(By.id("invite-link")))
                .isEqualTo("http://localhost:" + t.port() + "/auth/invite?code=" + code);
        waitFor(By.cssSelector("#invites tr[data-invite='" + code + "']"));
        click(By.cssSelector("button[data-revoke='" + code + "']"));
        accept();
        waitForText(By.id("users-message"), "Invite " + code + " is revoked.");
        assertThat(t.fazt.invites().list()).extracting(Invites.Invite::code).doesNotContain(code).hasSize(1);

        // the revoke's change event may redraw the page while the form is being filled: fill all of it again then
        fillSurvivingRedraws(() -> { }, new String[][] {{"provider-name", "github"}, {"provider-client-id", "Iv1.abc"},
                {"provider-secret", "the-client-secret"}});
        click(By.id("provider-save"));
        waitForText(By.id("users-message"), "Provider github is saved.");
        waitForText(By.cssSelector("#providers tr[data-provider='github'] td.provider-state"), "enabled");
        assertThat(browser.getPageSource()).as("a secret is never shown back").doesNotContain("the-client-secret");
        click(By.cssSelector("button[data-toggle='github']"));
        waitForText(By.cssSelector("#providers tr[data-provider='github'] td.provider-state"), "disabled");
        assertThat(t.fazt.oauthProviders().get("github").enabled()).isFalse();
    }

    /** Fills the fields (id, text) and runs {@code first}, all again if a redraw replaced an element meanwhile. */
    private void fillSurvivingRedraws(Runnable first, String[][] fields) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.ElementNotInteractableException.class).until(d -> {
                    first.run();
                    for (String[] field : fields) {
                        WebElement input = d.findElement(By.id(field[0]));
                        input.clear();
                        input.sendKeys(field[1]);
                    }
                    return true;
                });
    }

    @Test
    void atPhoneWidthThePagesDoNotScrollSideways() {
        t.fazt.users().signIn(new Users.SignIn("dev", "b", "a-rather-long-address-for-a-phone@example.com", true, "B", null));
        t.fazt.invites().create("user", 1, 7);
        signIn(360, 740);
        for (String page : new String[] {"#/users", "#/peers", "#/system"}) {
            browser.get(home() + page);
            browser.navigate().refresh();
            waitFor(By.cssSelector("#page h1"));
            Object overflow = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).intValue()).as(page).isLessThanOrEqualTo(0);
        }
        browser.get(home() + "#/users");
        browser.navigate().refresh();
        assertThat(waitFor(By.cssSelector("#invites button[data-revoke]")).isDisplayed()).as("actions stay on a phone").isTrue();
        assertThat(browser.findElement(By.cssSelector("#users button[data-delete]")).isDisplayed()).isTrue();
    }
}
