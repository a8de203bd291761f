package fazt.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fazt.core.analytics.IncomingEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's speed as a person sees it (bench/dashboard.sh): a real instance holding 1,000
 * apps, 10,000 function log lines and a year of analytics, headless chromium on loopback. For each
 * screen: the bytes transferred (compressed, as the network log counts them) and the time from
 * asking for it until its content is drawn, read from the page's own clock. The first load of a
 * fresh instance (cold JVM, cold browser cache) is reported apart from the median of the
 * following ones, so warm-up is measured too. Prints a Markdown section to the file in args[0].
 */
public final class DashboardBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int APPS = 1000;
    private static final int LOG_LINES = 10_000;
    private static final int ANALYTICS_DAYS = 365;

    private DashboardBench() {}

    /** One screen: where it is, and a script that answers true once its content is drawn. */
    record Screen(String name, String hash, String drawn) {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<Screen> screens = List.of(
                new Screen("Overview (first screen)", "#/", "return !!document.getElementById('health-version')"),
                new Screen("Apps, 1,000 apps", "#/apps", "return document.querySelectorAll('#apps tbody tr').length >= " + APPS),
                new Screen("App page", "#/apps/app-0500", "return !!document.querySelector('#versions li')"),
                new Screen("Logs, 10,000 lines stored", "#/logs", "return document.querySelectorAll('#logs-lines li').length > 0"),
                new Screen("Analytics (last 30 days of a year stored)", "#/analytics",
                        "return !!document.querySelector('#page canvas') && !!document.getElementById('visits-total')"));
        StringBuilder md = new StringBuilder();
        try (TestInstance t = new TestInstance()) {
            t.fazt.owner().setCredentials("admin", "bench password");
            long seeding = System.nanoTime();
            seed(t);
            md.append(String.format(Locale.ROOT, "Seeded in %.1f s: %,d apps, %,d log lines, %d days of analytics.%n%n",
                    (System.nanoTime() - seeding) / 1e9, APPS, LOG_LINES, ANALYTICS_DAYS));
            md.append("| screen | transferred (first load) | first load | median of ").append(repeats)
                    .append(" more | slowest of them |\n|---|---:|---:|---:|---:|\n");
            for (Screen screen : screens) {
                ChromeDriver browser = ChromiumDriver.start(1280, 900);
                try {
                    browser.get("http://localhost:" + t.port() + "/auth/handoff?code=" + t.fazt.handoffCodes().mint());
                    waitUntil(browser, d -> Boolean.TRUE.equals(browser.executeScript(
                            "return !!document.getElementById('health-version')")));
                    browser.manage().logs().get(LogType.PERFORMANCE); // forget the sign-in's requests
                    browser.executeCdpCommand("Network.clearBrowserCache", Map.of());
                    double first = load(browser, t, screen);
                    long bytes = transferred(browser);
                    List<Double> more = new ArrayList<>();
                    for (int i = 0; i < repeats; i++) more.add(load(browser, t, screen));
                    more.sort(Double::compare);
                    md.append(String.format(Locale.ROOT, "| %s | %.1f KB | %.0f ms | %.0f ms | %.0f ms |%n", screen.name(),
                            bytes / 1024.0, first, more.get(more.size() / 2), more.get(more.size() - 1)));
                } finally {
                    browser.quit();
                }
            }
            md.append('\n').append(typing(t)).append('\n').append(aYearByTheHour(t));
        }
        Files.writeString(out, md.toString());
    }

    private static void seed(TestInstance t) {
        for (int i = 0; i < APPS; i++) {
            t.fazt.apps().deployZip(TestInstance.zip(Map.of("index.html", "app " + i, "api/main.js",
                    "console.log('hello from ' + request.path); respond({ok: true})")), String.format("app-%04d", i), false, fazt.core.identity.Scope.ADMIN);
        }
        String appId = t.fazt.apps().get("app-0500").id();
        for (int i = 0; i < LOG_LINES; i++) {
            t.fazt.functionLogs().append(appId, "app-0500", 1, i % 10 == 0 ? "warn" : "info",
                    "log line " + i + " of the bench run", "req-" + i);
        }
        t.fazt.functionLogs().flush();
        long now = System.currentTimeMillis();
        for (int day = 0; day < ANALYTICS_DAYS; day++) {
            for (int v = 0; v < 40; v++) {
                t.fazt.analytics().events().record(new IncomingEvent(now - day * 86_400_000L - v * 60_000L, appId,
                        "app-0500.localhost", "/page-" + (v % 25), IncomingEvent.PAGEVIEW, null, null, null,
                        IncomingEvent.FROM_SERVER, "10.0." + (v % 200) + "." + (day % 250), "bench"));
            }
        }
        t.fazt.analytics().events().flush();
    }

    /** Loads the page at `screen.hash` afresh and returns its clock when the content was drawn (ms). */
    private static double load(ChromeDriver browser, TestInstance t, Screen screen) {
        browser.get("about:blank");
        browser.get("http://localhost:" + t.port() + "/" + screen.hash());
        Object[] at = new Object[1];
        waitUntil(browser, d -> {
            at[0] = browser.executeScript("if (!(function () { " + screen.drawn() + " })()) return null; return performance.now();");
            return at[0] != null;
        });
        return ((Number) at[0]).doubleValue();
    }

    /** The bytes the network log counts for everything loaded since it was last read. */
    private static long transferred(ChromeDriver browser) throws Exception {
        long sum = 0;
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            if (message.path("method").asText().equals("Network.loadingFinished")) {
                sum += message.path("params").path("encodedDataLength").asLong();
            }
        }
        return sum;
    }

    /** How long filtering 1,000 apps takes: from a key typed in the search box to the list drawn. */
    private static String typing(TestInstance t) {
        ChromeDriver browser = ChromiumDriver.start(1280, 900);
        try {
            browser.get("http://localhost:" + t.port() + "/auth/handoff?code=" + t.fazt.handoffCodes().mint());
            browser.get("http://localhost:" + t.port() + "/#/apps");
            waitUntil(browser, d -> ((Number) browser.executeScript(
                    "return document.querySelectorAll('#apps tbody tr').length")).intValue() >= APPS);
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String typed = String.format("app-0%d", i % 10);
                var search = browser.findElement(By.id("app-search"));
                search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
                long start = System.nanoTime();
                search.sendKeys(typed);
                waitUntil(browser, d -> ((Number) browser.executeScript(
                        "return [...document.querySelectorAll('#apps tbody tr')].filter(r => r.offsetParent !== null).length"))
                        .intValue() <= 100);
                times.add((System.nanoTime() - start) / 1e6);
            }
            times.sort(Double::compare);
            return String.format(Locale.ROOT, "Filtering the 1,000 apps by typing 5 characters in the search box: median %.0f ms,"
                    + " slowest %.0f ms (measured by the test driver, its own round trips included).%n",
                    times.get(times.size() / 2), times.get(times.size() - 1));
        } finally {
            browser.quit();
        }
    }

    /** How long the Analytics page takes to show a whole year by the hour (8,760 points, asked in parts). */
    private static String aYearByTheHour(TestInstance t) {
        ChromeDriver browser = ChromiumDriver.start(1280, 900);
        try {
            browser.get("http://localhost:" + t.port() + "/auth/handoff?code=" + t.fazt.handoffCodes().mint());
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                browser.get("http://localhost:" + t.port() + "/#/analytics");
                browser.navigate().refresh();
                waitUntil(browser, d -> browser.findElements(By.cssSelector("#visits-chart canvas")).size() > 0);
                new Select(browser.findElement(By.id("stats-range"))).selectByValue("365d");
                waitUntil(browser, d -> points(browser) > 300 && points(browser) < 400);
                long start = System.nanoTime();
                browser.findElement(By.id("interval-hour")).click();
                waitUntil(browser, d -> points(browser) > 8000
                        && !browser.findElements(By.cssSelector("#visits-chart canvas")).isEmpty());
                times.add((System.nanoTime() - start) / 1e6);
            }
            times.sort(Double::compare);
            return String.format(Locale.ROOT, "Analytics, a year by the hour (about 8,760 points in one chart): from the click on"
                    + " **hour** to the chart drawn, median %.0f ms, slowest %.0f ms of 5 (measured by the test driver).%n",
                    times.get(times.size() / 2), times.get(times.size() - 1));
        } finally {
            browser.quit();
        }
    }

    /** The points of the Analytics chart on screen (0 while none is drawn). */
    private static int points(ChromeDriver browser) {
        Object n = browser.executeScript("return document.getElementById('visits-chart')?.dataset.points || '0'");
        return Integer.parseInt(String.valueOf(n));
    }

    private static void waitUntil(ChromeDriver browser, Function<org.openqa.selenium.WebDriver, Boolean> done) {
        new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(5)).until(done);
    }
}
