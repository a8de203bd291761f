package fazt.server;

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
        try (TestInstance t = new TestInstance()) {
            t.fazt.owner().setCredentials("admin", "screenshot password");
            t.deploy("blog", TestInstance.zip(Map.of("index.html", "<h1>blog</h1>", "style.css", "h1{}")));
            t.deploy("blog", TestInstance.zip(Map.of("index.html", "<h1>blog v2</h1>", "style.css", "h1{}")));
            t.deploy("notes", TestInstance.zip(Map.of("index.html", "notes", "api/main.js", "respond({ok: true})")));
            t.fazt.aliases().set("journal", "app", "blog");
            t.fazt.aliases().set("old-blog", "redirect", "https://example.org/");
            t.fazt.apiKeys().create("ci", fazt.core.identity.Scope.DEPLOY);
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
                    }
                    shoot(browser, By.id("health-version"), out.resolve("dashboard-overview-" + scheme + ".png"));
                    browser.get(home + "#/apps");
                    shoot(browser, By.cssSelector("#apps tbody tr"), out.resolve("dashboard-apps-" + scheme + ".png"));
                    browser.get(home + "#/apps/blog");
                    shoot(browser, By.id("versions"), out.resolve("dashboard-app-" + scheme + ".png"));
                    browser.get(home + "#/aliases");
                    shoot(browser, By.cssSelector("#aliases tbody tr"), out.resolve("dashboard-aliases-" + scheme + ".png"));
                    browser.get(home + "#/keys");
                    shoot(browser, By.cssSelector("#keys tbody tr"), out.resolve("dashboard-keys-" + scheme + ".png"));
                }
            } finally {
                browser.quit();
            }
        }
    }

    private static void shoot(ChromeDriver browser, By ready, Path file) throws Exception {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.findElements(ready).isEmpty());
        Thread.sleep(300); // let the last layout settle before the picture
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
    }
}
