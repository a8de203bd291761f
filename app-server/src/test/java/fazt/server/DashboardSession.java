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

/**
 * What every dashboard test needs: a real instance on port 0, headless chromium, the owner signed
 * in, and waits that tolerate the page being drawn again by a live change.
 */
abstract class DashboardSession {
    static final String PASSWORD = "the owner's password";

    final TestInstance t = new TestInstance();
    ChromeDriver browser;
    @TempDir
    Path dir;

    @AfterEach
    void close() {
        if (browser != null) browser.quit();
        t.close();
    }

    String home() {
        return "http://localhost:" + t.port() + "/";
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(d -> {
            var found = d.findElements(by);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    void waitForText(By by, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(d -> {
            var found = d.findElements(by);
            return !found.isEmpty() && found.get(0).getText().contains(text);
        });
    }

    void signIn(int width, int height) {
        t.fazt.owner().setCredentials("admin", PASSWORD);
        browser = ChromiumDriver.start(width, height);
        browser.get(home());
        waitFor(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("signin")).click();
        waitFor(By.id("health-version"));
    }

    Path zipFile(String name, Map<String, ?> files) throws IOException {
        Path zip = dir.resolve(name + ".zip");
        Files.write(zip, TestInstance.zip(files));
        return zip;
    }

}
