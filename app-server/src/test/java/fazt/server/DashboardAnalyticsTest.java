package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Analytics page, and the visits charts of the overview and an app's page, in a real browser. */
class DashboardAnalyticsTest extends DashboardSession {
    /** Pageviews as a visitor makes them: HTML pages of the app fetched over HTTP (the server counts them). */
    private void visit(String app, String... paths) {
        for (String path : paths) assertThat(t.get(app + ".localhost", path).statusCode()).isEqualTo(200);
    }

    private void deployBlog() {
        t.deploy("blog", TestInstance.zip(Map.of("index.html", "<h1>blog</h1>", "about/index.html", "<h1>about</h1>")));
    }

    private String attribute(String css, String name) {
        return waitFor(By.cssSelector(css)).getAttribute(name);
    }

    private void waitForAttribute(String css, String name, String value) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(d -> {
            var found = d.findElements(By.cssSelector(css));
            return !found.isEmpty() && value.equals(found.get(0).getAttribute(name));
        });
    }

    /** The points of the chart drawn after one of {@code before} points (the page draws it anew). */
    private int chartPointsOnceMoreThan(int before) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(d -> {
            String points = d.findElement(By.id("visits-chart")).getAttribute("data-points");
            int n = points == null ? 0 : Integer.parseInt(points);
            return n > before ? n : null;
        });
    }

    @Test
    void pageviewsMadeOverHttpShowInTheChartTotalsAndTopPaths() {
        deployBlog();
        t.deploy("shop", TestInstance.zip(Map.of("index.html", "<h1>shop</h1>")));
        visit("blog", "/", "/", "/about");
        visit("shop", "/");
        signIn(1280, 900);
        browser.findElement(By.id("nav-analytics")).click();
        waitFor(By.cssSelector("#visits-chart canvas"));
        assertThat(browser.findElement(By.id("visits-total")).getText()).isEqualTo("4");
        assertThat(attribute("#visits-chart", "data-pageviews")).as("the chart's points add up").isEqualTo("4");
        assertThat(attribute("#visits-chart", "data-points")).isEqualTo("30");
        assertThat(browser.findElement(By.cssSelector("#top-paths tr[data-key='/'] td.num")).getText()).isEqualTo("3");
        assertThat(browser.findElement(By.cssSelector("#top-paths tr[data-key='/about'] td.num")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector("#top-apps tr[data-key='blog'] td.num")).getText()).isEqualTo("3");
        assertThat(browser.findElements(By.cssSelector("#recent-events tbody tr"))).hasSize(4);

        new Select(browser.findElement(By.id("stats-app"))).selectByValue("blog");
        waitForText(By.cssSelector("#page h1"), "Analytics of blog");
        waitForAttribute("#visits-chart", "data-pageviews", "3");
        assertThat(browser.findElement(By.id("visits-total")).getText()).isEqualTo("3");
        assertThat(browser.findElements(By.id("top-apps"))).as("one app: no list of apps").isEmpty();
        assertThat(browser.getCurrentUrl()).endsWith("#/analytics/blog");
    }

    @Test
    void aYearByTheHourIsOneChartOfThousandsOfPoints() {
        deployBlog();
        visit("blog", "/", "/about");
        signIn(1280, 900);
        browser.get(home() + "#/analytics");
        waitFor(By.cssSelector("#visits-chart canvas"));
        new Select(browser.findElement(By.id("stats-range"))).selectByValue("365d");
        waitForAttribute("#visits-chart", "data-points", "365");
        browser.findElement(By.id("interval-hour")).click();
        waitForAttribute("#interval-hour", "aria-pressed", "true");
        // more than the 5000 points one timeline call may answer: the page asked in parts
        int points = chartPointsOnceMoreThan(365);
        assertThat(points).isBetween(364 * 24 + 1, 365 * 24);
        assertThat(attribute("#visits-chart", "data-pageviews")).isEqualTo("2");
        assertThat(browser.findElements(By.cssSelector("#visits-chart canvas"))).hasSize(1);
        assertThat(browser.findElement(By.id("visits-total")).getText()).isEqualTo("2");
    }

    @Test
    void aShortLinkMadeOnThePageRedirectsAndIsGoneOnceDeleted() {
        signIn(1280, 900);
        browser.get(home() + "#/analytics");
        waitFor(By.id("link-slug")).sendKeys("Not A Slug");
        browser.findElement(By.id("link-url")).sendKeys("https://example.com/launch");
        browser.findElement(By.id("link-create")).click();
        waitForText(By.id("links-message"), "slug must be 1 to 64 characters");

        browser.findElement(By.id("link-slug")).clear();
        browser.findElement(By.id("link-slug")).sendKeys("launch");
        browser.findElement(By.id("link-create")).click();
        waitForText(By.id("links-message"), "/r/launch now leads to https://example.com/launch");
        HttpResponse<byte[]> go = t.get("anything.localhost", "/r/launch");
        assertThat(go.statusCode()).isEqualTo(302);
        assertThat(go.headers().firstValue("Location")).contains("https://example.com/launch");

        browser.navigate().refresh();
        waitForText(By.cssSelector("#links tr[data-slug='launch'] td.num"), "1");
        waitFor(By.cssSelector("#links tr[data-slug='launch'] button")).click();
        browser.switchTo().alert().accept();
        waitForText(By.id("links-message"), "/r/launch is deleted");
        assertThat(browser.findElements(By.cssSelector("#links tr[data-slug='launch']"))).isEmpty();
        assertThat(t.get("anything.localhost", "/r/launch").statusCode()).isEqualTo(404);
    }

    @Test
    void theOverviewAndAnAppsPageShowTheirThirtyDaysOfVisits() {
        deployBlog();
        t.deploy("shop", TestInstance.zip(Map.of("index.html", "<h1>shop</h1>")));
        visit("blog", "/", "/about");
        visit("shop", "/");
        signIn(1280, 900);
        waitFor(By.cssSelector("#overview-visits canvas"));
        waitForText(By.id("overview-visits-total"), "3 pageviews");
        assertThat(attribute("#overview-visits", "data-points")).isEqualTo("30");

        browser.get(home() + "#/apps/blog");
        waitFor(By.cssSelector("#app-visits canvas"));
        waitForText(By.id("app-visits-total"), "2 pageviews");
    }

    @Test
    void atPhoneWidthTheAnalyticsPageDoesNotScrollSideways() {
        deployBlog();
        visit("blog", "/", "/about");
        t.fazt.analytics().shortLinks().set("a-rather-long-short-link-name",
                "https://example.com/" + "a-long-path-segment/".repeat(8));
        signIn(360, 740);
        for (String page : new String[] {"#/analytics", "#/analytics/blog", "#/apps/blog", "#/"}) {
            browser.get(home() + page);
            browser.navigate().refresh();
            waitFor(By.cssSelector("#page .chart canvas"));
            Object overflow = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).intValue()).as(page).isLessThanOrEqualTo(0);
        }
    }

    @Test
    void drawingChartsNeedsNothingTheContentSecurityPolicyForbids() {
        deployBlog();
        visit("blog", "/");
        signIn(1280, 900);
        // a page opened without a chart, so uPlot and its stylesheet load after the listener is in place
        browser.get(home() + "#/keys");
        browser.navigate().refresh();
        waitFor(By.id("key-name"));
        JavascriptExecutor js = browser;
        js.executeScript("window.violations = [];"
                + "document.addEventListener('securitypolicyviolation', e => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));");
        browser.findElement(By.id("nav-analytics")).click();
        waitForAttribute("#visits-chart", "data-pageviews", "1");
        browser.findElement(By.id("interval-hour")).click();
        assertThat(chartPointsOnceMoreThan(30)).as("30 days by the hour").isBetween(29 * 24 + 1, 30 * 24);
        assertThat(js.executeScript("return window.violations.join('; ');")).isEqualTo("");
        // the listener does see what the policy blocks: an inline <style>
        js.executeScript("const s = document.createElement('style'); s.textContent = 'body{}'; document.head.append(s);");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !"".equals(js.executeScript("return window.violations.join('; ');")));
    }

    @Test
    void uPlotIsServedFromTheInstanceUnderTheStrictPolicy() {
        HttpResponse<byte[]> js = t.get("localhost", "/assets/uplot.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("javascript"));
        assertThat(js.headers().firstValue("content-security-policy")).hasValueSatisfying(v -> assertThat(v).doesNotContain("unsafe"));
        assertThat(new String(js.body(), StandardCharsets.UTF_8)).contains("export { uPlot as default }");
        HttpResponse<byte[]> css = t.get("localhost", "/assets/uplot.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(new String(css.body(), StandardCharsets.UTF_8)).contains(".uplot");
    }
}
