package fazt.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium driven through its chromedriver, headless: the real browser the dashboard
 * tests use. Nothing is downloaded; {@code .ci/run} installs both packages.
 */
public final class ChromiumDriver {
    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private ChromiumDriver() {}

    /** A new browser with a window of {@code width} × {@code height} CSS pixels. */
    public static ChromeDriver start(int width, int height) {
        return start(width, height, null);
    }

    /** The same, saving downloads into {@code downloads} without asking (null: the browser's default). */
    public static ChromeDriver start(int width, int height, Path downloads) {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("the dashboard tests need Debian's chromium and chromium-driver "
                    + "(apt-get install chromium chromium-driver; .ci/run does this)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--window-size=" + width + "," + height);
        // the network log (what the page asked for and from where), read by DashboardShellTest
        options.setCapability("goog:loggingPrefs", Map.of("performance", "ALL"));
        if (downloads != null) {
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toAbsolutePath().toString(),
                    "download.prompt_for_download", false));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
