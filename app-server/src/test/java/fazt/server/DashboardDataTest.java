package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.core.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Data page (#/data/APP) in a real browser: what an app stored, seeded through the engine,
 * browsed, edited, deleted and downloaded from the page, and checked through the engine again.
 */
class DashboardDataTest extends DashboardSession {
    String shop;

    void seedShop() {
        t.deploy("shop", TestInstance.zip(Map.of("index.html", "shop")));
        shop = t.fazt.apps().get("shop").id();
        t.fazt.kv().set(shop, "user:1", parse("{\"name\":\"Ann\"}"), null);
        t.fazt.kv().set(shop, "user:2", parse("{\"name\":\"Bob\"}"), null);
        t.fazt.kv().set(shop, "session:abc", parse("\"token\""), 3_600_000L);
        t.fazt.kv().set(shop, "config", parse("{\"theme\":\"dark\"}"), null);
        for (String[] o : new String[][] {{"o1", "open", "12"}, {"o2", "closed", "30"}, {"o3", "open", "7"}}) {
            t.fazt.docs().insert(shop, "orders", (ObjectNode) parse(
                    "{\"id\":\"" + o[0] + "\",\"status\":\"" + o[1] + "\",\"total\":" + o[2] + "}"));
        }
        t.fazt.docs().insert(shop, "notes", (ObjectNode) parse("{\"text\":\"hi\"}"));
        t.fazt.blobs().put(shop, "notes/hello.txt", "hello, blob".getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    static JsonNode parse(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    void openData(String tab) {
        browser.get(home() + "#/data/shop");
        waitFor(By.id("tab-" + tab)).click();
    }

    /** Chromium saves downloads into {@code downloads} (headless saves nothing unless told where). */
    Path allowDownloads() throws Exception {
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        browser.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString(), "eventsEnabled", true));
        return downloads;
    }

    byte[] downloaded(Path file) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> Files.isRegularFile(file)
                && !Files.exists(file.resolveSibling(file.getFileName() + ".crdownload")));
        try {
            return Files.readAllBytes(file);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    int rows(String table) {
        return browser.findElements(By.cssSelector("#" + table + " tbody tr[data-" + ("docs".equals(table) ? "id" : "key") + "]")).size();
    }

    @Test
    void aKeyFoundByPrefixIsEditedAndTheEngineHasTheNewValue() {
        seedShop();
        signIn(1280, 900);
        openData("kv");
        waitFor(By.cssSelector("#kv tr[data-key='config']"));
        browser.findElement(By.id("kv-prefix")).sendKeys("user:");
        browser.findElement(By.id("kv-search")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> rows("kv") == 2);
        assertThat(browser.findElements(By.cssSelector("#kv tr[data-key='config']"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#kv tr[data-key='user:1'] td.value")).getText()).isEqualTo("{\"name\":\"Ann\"}");

        browser.findElement(By.cssSelector("#kv tr[data-key='user:1'] button")).click();
        WebElement value = waitFor(By.id("kv-value"));
        value.clear();
        value.sendKeys("{\"name\": \"Bea\", \"vip\": true}");
        browser.findElement(By.id("kv-save")).click();
        waitForText(By.id("kv-message"), "Saved user:1.");
        assertThat(t.fazt.kv().get(shop, "user:1")).hasValueSatisfying(v -> assertThat(v.toString()).isEqualTo("{\"name\":\"Bea\",\"vip\":true}"));
        waitForText(By.cssSelector("#kv tr[data-key='user:1'] td.value"), "Bea");
    }

    @Test
    void aKeysExpiryIsShownAndAValueThatIsNotJsonIsSaidInWords() {
        seedShop();
        signIn(1280, 900);
        openData("kv");
        assertThat(waitFor(By.cssSelector("#kv tr[data-key='session:abc'] td.expires")).getText()).isIn("in 60 min", "in 59 min", "in 1 h");
        assertThat(browser.findElement(By.cssSelector("#kv tr[data-key='config'] td.expires")).getText()).isEqualTo("never");

        browser.findElement(By.id("kv-new")).click();
        waitFor(By.id("kv-key")).sendKeys("draft");
        browser.findElement(By.id("kv-value")).sendKeys("{not json");
        browser.findElement(By.id("kv-save")).click();
        waitForText(By.id("kv-message"), "The value is not valid JSON");
        assertThat(t.fazt.kv().get(shop, "draft")).isEmpty();

        new Select(browser.findElement(By.id("kv-format"))).selectByValue("text");
        browser.findElement(By.id("kv-ttl")).sendKeys("120");
        browser.findElement(By.id("kv-save")).click();
        waitForText(By.id("kv-message"), "Saved draft.");
        assertThat(t.fazt.kv().get(shop, "draft")).hasValueSatisfying(v -> assertThat(v.asText()).isEqualTo("{not json"));
        assertThat(waitFor(By.cssSelector("#kv tr[data-key='draft'] td.expires")).getText()).isIn("in 2 min", "in 119 s", "in 120 s");
    }

    @Test
    void keysComePageByPageWithNextAndPrevious() {
        t.deploy("shop", TestInstance.zip(Map.of("index.html", "shop")));
        shop = t.fazt.apps().get("shop").id();
        for (int i = 0; i < 60; i++) t.fazt.kv().set(shop, String.format("k%03d", i), parse(String.valueOf(i)), null);
        signIn(1280, 900);
        openData("kv");
        waitFor(By.cssSelector("#kv tr[data-key='k000']"));
        assertThat(rows("kv")).isEqualTo(50);
        browser.findElement(By.id("kv-next")).click();
        waitFor(By.cssSelector("#kv tr[data-key='k059']"));
        assertThat(rows("kv")).isEqualTo(10);
        assertThat(browser.findElement(By.id("kv-next")).isEnabled()).isFalse();
        browser.findElement(By.id("kv-prev")).click();
        waitFor(By.cssSelector("#kv tr[data-key='k000']"));
        assertThat(browser.findElement(By.id("kv-prev")).isEnabled()).isFalse();
    }

    @Test
    void aKeyIsDeletedOnlyAfterTheConfirmation() {
        seedShop();
        signIn(1280, 900);
        openData("kv");
        By deleteConfig = By.cssSelector("#kv tr[data-key='config'] button.danger");
        waitFor(deleteConfig).click();
        browser.switchTo().alert().dismiss();
        assertThat(t.fazt.kv().get(shop, "config")).isPresent();
        browser.findElement(deleteConfig).click();
        browser.switchTo().alert().accept();
        waitForText(By.id("kv-message"), "Deleted config.");
        assertThat(t.fazt.kv().get(shop, "config")).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#kv tr[data-key='config']"))).isEmpty();

        String odd = "a/b\\c ?#100%&x=1";
        t.fazt.kv().set(shop, odd, parse("1"), null);
        browser.findElement(By.id("kv-search")).click();
        WebElement row = new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector("#kv tr[data-key]"))
                .stream().filter(r -> odd.equals(r.getAttribute("data-key"))).findFirst().orElse(null));
        row.findElement(By.cssSelector("button.danger")).click();
        browser.switchTo().alert().accept();
        waitForText(By.id("kv-message"), "Deleted " + odd + ".");
        assertThat(t.fazt.kv().get(shop, odd)).isEmpty();
        assertThat(t.fazt.kv().get(shop, "user:1")).isPresent();
    }

    @Test
    void aCollectionIsFilteredWithTheQueryLanguageAndABadFilterIsSaidInWords() {
        seedShop();
        signIn(1280, 900);
        openData("docs");
        assertThat(waitFor(By.cssSelector("#collections tr[data-collection='orders'] td.num")).getText()).isEqualTo("3");
        waitFor(By.cssSelector("#collections tr[data-collection='notes']"));
        browser.findElement(By.id("collection-prefix")).sendKeys("ord");
        browser.findElement(By.id("collection-search")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> d.findElements(By.cssSelector("#collections tr[data-collection='notes']")).isEmpty());
        browser.findElement(By.cssSelector("#collections tr[data-collection='orders'] button.browse")).click();
        waitFor(By.cssSelector("#docs tr[data-id='o1']"));
        assertThat(rows("docs")).isEqualTo(3);

        browser.findElement(By.id("doc-filter")).sendKeys("{\"status\": \"open\", \"total\": {\"$gte\": 10}}");
        browser.findElement(By.id("doc-apply")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> rows("docs") == 1);
        assertThat(browser.findElements(By.cssSelector("#docs tr[data-id='o1']"))).hasSize(1);
        assertThat(browser.findElement(By.id("docs-range")).getText()).isEqualTo("1–1 of 1");

        WebElement filter = browser.findElement(By.id("doc-filter"));
        filter.clear();
        filter.sendKeys("{\"status\": ");
        browser.findElement(By.id("doc-apply")).click();
        waitForText(By.id("docs-message"), "not valid JSON");
        assertThat(browser.findElement(By.id("docs-message")).getText()).doesNotContain("Exception").contains("line 1");

        filter.clear();
        browser.findElement(By.id("doc-sort")).sendKeys("-total");
        browser.findElement(By.id("doc-apply")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> rows("docs") == 3);
        assertThat(browser.findElements(By.cssSelector("#docs tbody tr")).get(0).getAttribute("data-id")).isEqualTo("o2");
    }

    @Test
    void aDocumentIsEditedAndDeletedWithConfirmation() {
        seedShop();
        signIn(1280, 900);
        openData("docs");
        waitFor(By.cssSelector("#collections tr[data-collection='orders'] button.browse")).click();
        waitFor(By.cssSelector("#docs tr[data-id='o3'] button")).click();
        WebElement json = waitFor(By.id("doc-json"));
        json.clear();
        json.sendKeys("{\"status\": \"paid\", \"total\": 7}");
        browser.findElement(By.id("doc-save")).click();
        waitForText(By.id("docs-message"), "Saved o3.");
        assertThat(t.fazt.docs().existing(t.fazt.apps().get("shop"), "orders", "o3").get("status").asText()).isEqualTo("paid");

        browser.findElement(By.cssSelector("#docs tr[data-id='o2'] button.danger")).click();
        assertThat(browser.switchTo().alert().getText()).contains("o2", "orders");
        browser.switchTo().alert().accept();
        waitForText(By.id("docs-message"), "Deleted o2.");
        assertThat(t.fazt.docs().count(shop, "orders", null)).isEqualTo(2);
        assertThat(browser.findElements(By.cssSelector("#docs tr[data-id='o2']"))).isEmpty();
    }

    @Test
    void anExportedCollectionIsTheWholeCollectionAsJson() throws Exception {
        seedShop();
        signIn(1280, 900);
        Path downloads = allowDownloads();
        openData("docs");
        waitFor(By.cssSelector("#collections tr[data-collection='orders'] button.export")).click();
        waitForText(By.id("collections-message"), "Exported orders as orders.json");
        JsonNode exported = Json.MAPPER.readTree(downloaded(downloads.resolve("orders.json")));
        assertThat(exported).hasSize(3);
        assertThat(exported.get(0).get("id").asText()).isEqualTo("o1");
        assertThat(exported.get(1).get("status").asText()).isEqualTo("closed");
    }

    @Test
    void aBlobIsListedWithSizeAndTypeAndDownloadsWithItsBytes() throws Exception {
        seedShop();
        signIn(1280, 900);
        Path downloads = allowDownloads();
        openData("blobs");
        WebElement row = waitFor(By.cssSelector("#blobs tr[data-path='notes/hello.txt']"));
        assertThat(row.getText()).contains("text/plain", "11 B");
        row.findElement(By.cssSelector("button.download")).click();
        waitForText(By.id("blobs-message"), "Downloaded notes/hello.txt");
        assertThat(new String(downloaded(downloads.resolve("hello.txt")), StandardCharsets.UTF_8)).isEqualTo("hello, blob");

        browser.findElement(By.cssSelector("#blobs tr[data-path='notes/hello.txt'] button.danger")).click();
        browser.switchTo().alert().accept();
        waitForText(By.id("blobs-message"), "Deleted notes/hello.txt.");
        assertThat(t.fazt.blobs().get(shop, "notes/hello.txt")).isEmpty();
    }

    @Test
    void aManagedPeersCollectionExportsThroughThisInstance() throws Exception {
        try (TestInstance peer = new TestInstance()) {
            peer.deploy("shop", TestInstance.zip(Map.of("index.html", "shop")));
            String remote = peer.fazt.apps().get("shop").id();
            peer.fazt.docs().insert(remote, "orders", (ObjectNode) parse("{\"id\":\"far\",\"where\":\"the peer\"}"));
            t.fazt.peerLinking().link("home", "http://127.0.0.1:" + peer.port(), peer.fazt.pairing().mint().code());
            signIn(1280, 900);
            Path downloads = allowDownloads();
            new Select(waitFor(By.id("instance"))).selectByValue("home");
            waitForText(By.id("health-data"), peer.fazt.dataFile().toString());
            openData("docs");
            waitFor(By.cssSelector("#collections tr[data-collection='orders'] button.export")).click();
            waitForText(By.id("collections-message"), "Exported orders");
            JsonNode exported = Json.MAPPER.readTree(downloaded(downloads.resolve("orders.json")));
            assertThat(exported.get(0).get("where").asText()).isEqualTo("the peer");
        }
    }

    @Test
    void theDataMenuOffersTheAppsAndTheAppPageLinksToItsData() {
        seedShop();
        t.deploy("blog", TestInstance.zip(Map.of("index.html", "blog")));
        signIn(1280, 900);
        waitFor(By.id("nav-data")).click();
        waitFor(By.cssSelector("#data-apps li[data-app='blog']"));
        browser.findElement(By.id("data-app-search")).sendKeys("sho");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector("#data-apps li[data-app='blog']")).isEmpty());
        browser.findElement(By.cssSelector("#data-apps li[data-app='shop'] a")).click();
        waitFor(By.cssSelector("#kv tr[data-key='user:1']"));

        browser.get(home() + "#/apps/shop");
        waitFor(By.id("app-data")).click();
        waitForText(By.cssSelector("#page h1"), "Data of shop");
    }

    @Test
    void atPhoneWidthTheDataPageDoesNotScrollSideways() {
        seedShop();
        t.fazt.kv().set(shop, "a-very-long-key-name-that-goes-on-and-on-without-any-space-at-all-0123456789",
                parse("\"" + "x".repeat(300) + "\""), null);
        signIn(360, 740);
        for (String tab : new String[] {"kv", "docs", "blobs"}) {
            openData(tab);
            if (tab.equals("docs")) waitFor(By.cssSelector("#collections button.browse")).click();
            waitFor(By.cssSelector(Map.of("kv", "#kv tr[data-key]", "docs", "#docs tr[data-id]", "blobs", "#blobs tr[data-path]").get(tab)));
            Object overflow = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).intValue()).as(tab).isLessThanOrEqualTo(0);
        }
    }
}
