package fazt.server;

import fazt.core.tls.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Takes the web dashboard's screenshots for the docs (scripts/dashboard-screenshots.sh): a real
 * instance with a few apps, headless chromium, each page in the light and the dark scheme.
 */
public final class DashboardScreenshots {
    private DashboardScreenshots() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/images");
        Files.createDirectories(out);
        try (TestInstance t = new TestInstance(); TestInstance peer = new TestInstance()) {
            seed(t);
            t.fazt.peerLinking().link("office", "http://127.0.0.1:" + peer.port(), peer.fazt.pairing().mint().code());
            ChromeDriver browser = ChromiumDriver.start(1200, 800);
            try {
                String home = "http://localhost:" + t.port() + "/";
                for (String scheme : new String[] {"light", "dark"}) {
                    browser.executeCdpCommand("Emulation.setEmulatedMedia",
                            Map.of("features", java.util.List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
                    browser.get(home);
                    if (scheme.equals("light")) {
                        shoot(browser, By.id("password"), out.resolve("dashboard-signin-" + scheme + ".png"));
                        browser.findElement(By.id("password")).sendKeys("screenshot password");
                        browser.findElement(By.id("signin")).click();
                        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("health-version")).isEmpty());
                    }
                    for (String[] page : PAGES) {
                        browser.get(home + page[0]);
                        browser.navigate().refresh();
                        shoot(browser, By.cssSelector(page[2]), out.resolve("dashboard-" + page[1] + "-" + scheme + ".png"));
                    }
                    if (scheme.equals("light")) {
                        shootSection(browser, home + "#/system", "certificates", By.cssSelector("#certificates tr[data-reason-for]"),
                                out.resolve("dashboard-certificates.png"));
                        shootSection(browser, home + "#/apps/notes", "schedules", By.cssSelector("#schedules-list td.result"),
                                out.resolve("dashboard-schedules.png"));
                    }
                }
                browser.get(home + "#/apps");
                new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("jump")).isEmpty());
                browser.findElement(By.id("jump")).click();
                browser.findElement(By.id("palette-input")).sendKeys("blo");
                shoot(browser, By.cssSelector("#palette-list li"), out.resolve("dashboard-palette-dark.png"));
            } finally {
                browser.quit();
            }
        }
    }

    /** Each page: where it is, the picture's name, and what shows it is drawn. */
    private static final String[][] PAGES = {
        {"#/", "overview", "#overview-visits canvas"},
        {"#/apps", "apps", "#apps tbody tr"},
        {"#/apps/blog", "app", "#app-visits canvas"},
        {"#/data/notes", "data", "#kv tbody tr"},
        {"#/logs", "logs", "#logs-lines li"},
        {"#/analytics", "analytics", "#visits-chart canvas"},
        {"#/aliases", "aliases", "#aliases tbody tr"},
        {"#/users", "users", "#users tbody tr"},
        {"#/keys", "keys", "#keys tbody tr"},
        {"#/peers", "peers", "#peers tbody tr td.peer-status[data-status]"},
        {"#/system", "system", "#settings"},
    };

    private static void seed(TestInstance t) throws IOException {
        t.fazt.owner().setCredentials("admin", "screenshot password");
        // the System page's certificates: one imported and served, one order the CA refused
        TestCertificates ca = new TestCertificates(Files.createDirectories(t.dir.resolve("ca")));
        TestCertificates.Pem imported = ca.issue(null, 90, "example.com", "www.example.com");
        t.fazt.certificates().importPem(imported.chain(), imported.key());
        t.fazt.certificates().markFailed("blog.example.com", "the CA could not validate blog.example.com: Get "
                + "\"http://blog.example.com/.well-known/acme-challenge/kQ2x…\": dial tcp 203.0.113.7:80: connect: connection refused");
        t.fazt.config().store("https", "auto");
        t.deploy("blog", TestInstance.zip(Map.of("index.html", "<h1>blog</h1>", "style.css", "h1{}")));
        t.deploy("blog", TestInstance.zip(Map.of("index.html", "<h1>blog v2</h1>", "style.css", "h1{}")));
        t.deploy("notes", TestInstance.zip(Map.of("index.html", "notes",
                "api/main.js", "console.log('saved a note for ' + request.path); respond({ok: true})",
                "manifest.json", "{\"schedules\": [{\"cron\": \"*/15 * * * *\", \"path\": \"/api/cron/digest\"},"
                        + " {\"cron\": \"0 8 * * mon-fri\", \"path\": \"/api/cron/morning\", \"tz\": \"Europe/Paris\"},"
                        + " {\"cron\": \"@daily\", \"path\": \"/api/cron/clean-up\", \"catchUp\": false}]}")));
        t.fazt.aliases().set("journal", "app", "blog");
        t.fazt.aliases().set("old-blog", "redirect", "https://example.org/");
        t.fazt.apiKeys().create("ci", fazt.core.identity.Scope.DEPLOY);
        String notes = t.fazt.apps().get("notes").id();
        t.fazt.envVars().set(notes, "GREETING", "hello");
        t.fazt.schedules().runNow(notes, "/api/cron/digest");
        t.fazt.kv().set(notes, "settings", fazt.core.Json.MAPPER.valueToTree(Map.of("theme", "dark")), null);
        t.fazt.kv().set(notes, "session:ann", fazt.core.Json.MAPPER.valueToTree("signed in"), 3_600_000L);
        t.fazt.docs().insert(notes, "notes", fazt.core.Json.MAPPER.valueToTree(Map.of("text", "buy milk", "done", false)));
        t.fazt.users().signIn(new fazt.core.identity.Users.SignIn("dev", "ann", "ann@example.com", true, "Ann", null));
        for (String path : new String[] {"/", "/", "/about.html", "/", "/posts/1.html"}) t.get("blog.localhost", path);
        for (int i = 0; i < 4; i++) t.get("notes.localhost", "/api/list");
        t.fazt.analytics().events().flush();
        t.fazt.functionLogs().flush();
    }

    /** One section of a page alone (the element with id {@code section}), with a margin of the page around it. */
    private static void shootSection(ChromeDriver browser, String url, String section, By ready, Path file) throws Exception {
        browser.get(url);
        browser.navigate().refresh();
        shoot(browser, ready, file);
        @SuppressWarnings("unchecked")
        Map<String, Number> box = (Map<String, Number>) browser.executeScript("const r = document.getElementById(arguments[0])"
                + ".getBoundingClientRect(); return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height};",
                section);
        int margin = 16;
        Map<String, Object> clip = Map.of("x", box.get("x").doubleValue() - margin, "y", box.get("y").doubleValue() - margin,
                "width", box.get("width").doubleValue() + 2 * margin, "height", box.get("height").doubleValue() + 2 * margin, "scale", 1);
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "clip", clip, "captureBeyondViewport", true));
        Files.write(file, java.util.Base64.getDecoder().decode((String) shot.get("data")));
    }

    private static void shoot(ChromeDriver browser, By ready, Path file) throws Exception {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.findElements(ready).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
            throw new IllegalStateException(file.getFileName() + ": the page did not show " + ready + " (see the picture)", e);
        }
        Thread.sleep(500); // let the last layout (a chart's first frame) settle before the picture
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
    }
}
