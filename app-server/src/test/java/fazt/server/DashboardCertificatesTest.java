package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.tls.CertificateInfo;
import fazt.core.tls.TestCertificates;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The System page's Certificates section in a real browser against a real instance and its certificate store. */
class DashboardCertificatesTest extends DashboardSession {
    private static final long DAY = 86_400_000L;

    private void openSystem() {
        browser.findElement(By.id("nav-system")).click();
        waitFor(By.id("certificates"));
    }

    private WebElement row(String name) {
        return waitFor(By.cssSelector("#certificates tr[data-cert='" + name + "']"));
    }

    private String text(String css) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector(css)).getText());
    }

    private void click(By by) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    private void answerConfirm(boolean accept) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
            try {
                if (accept) d.switchTo().alert().accept();
                else d.switchTo().alert().dismiss();
                return true;
            } catch (NoAlertPresentException e) {
                return false;
            }
        });
    }

    private void waitGone(By by) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElements(by).isEmpty());
    }

    @Test
    void anImportedCertificateIsListedOkAndRemovedWithItsButtonAfterTheConfirmation() throws Exception {
        TestCertificates ca = new TestCertificates(Files.createDirectories(dir.resolve("ca")));
        TestCertificates.Pem pem = ca.issue("blog.fazt.test", "*.example.test");
        CertificateInfo imported = t.fazt.certificates().importPem(pem.chain(), pem.key());
        t.fazt.certificates().markPending("shop.fazt.test");
        signIn(1280, 900);
        openSystem();

        row("blog.fazt.test");
        String blog = "#certificates tr[data-cert='blog.fazt.test']";
        assertThat(text(blog + " td.cert-state")).isEqualTo("ok");
        assertThat(browser.findElement(By.cssSelector(blog + " td.cert-state")).getAttribute("data-state")).isEqualTo("ok");
        assertThat(text(blog)).contains("also *.example.test", "fazt test CA", "imported (manual)",
                "in " + (imported.notAfter() - System.currentTimeMillis()) / DAY + " days");
        assertThat(browser.findElements(By.cssSelector("#certificates tr[data-reason-for]"))).as("no reason for a good one").isEmpty();
        // an order in progress: no certificate yet, nothing to remove (fazt renews its own)
        String shop = "#certificates tr[data-cert='shop.fazt.test']";
        assertThat(text(shop + " td.cert-state")).isEqualTo("pending");
        assertThat(text(shop)).contains("not issued yet", "ordered (acme)");
        assertThat(browser.findElements(By.cssSelector(shop + " button"))).isEmpty();
        assertThat(text("#certs-https-setting")).isEqualTo("off");

        // saying no to the confirmation keeps it
        click(By.cssSelector("button[data-remove-cert='blog.fazt.test']"));
        answerConfirm(false);
        assertThat(t.fazt.certificates().list()).extracting(CertificateInfo::name).contains("blog.fazt.test");
        row("blog.fazt.test");

        click(By.cssSelector("button[data-remove-cert='blog.fazt.test']"));
        answerConfirm(true);
        waitForText(By.id("certs-message"), "blog.fazt.test is removed.");
        waitGone(By.cssSelector(blog));
        assertThat(t.fazt.certificates().list()).extracting(CertificateInfo::name).containsExactly("shop.fazt.test");
        assertThat(t.fazt.certificates().forServerName("blog.fazt.test")).as("no longer served").isEmpty();
    }

    @Test
    void withNoneTheSectionSaysHowToTurnHttpsOnAndAFailedOrderAppearsLiveWithTheCasReasonAsText() {
        signIn(1280, 900);
        openSystem();
        WebElement empty = waitFor(By.id("no-certificates"));
        assertThat(empty.getText()).contains("fazt server set-config --domain example.com --https auto",
                "fazt server set-cert --cert FULLCHAIN.pem --key KEY.pem");
        assertThat(text("#certs-https")).contains("off", "nothing is served over HTTPS");

        // a setting changed elsewhere shows without reloading
        t.fazt.config().store("https", "auto");
        waitForText(By.id("certs-https-setting"), "auto");

        // the CA's words are foreign input: shown as text, never run as markup
        String reason = "the CA could not validate blog.fazt.test: <img src=x onerror=\"document.body.dataset.injected='yes'\"> "
                + "connection refused";
        t.fazt.certificates().markFailed("blog.fazt.test", reason);
        row("blog.fazt.test");
        String failed = "#certificates tr[data-cert='blog.fazt.test']";
        assertThat(text(failed + " td.cert-state")).isEqualTo("failed");
        assertThat(text("#certificates tr[data-reason-for='blog.fazt.test']")).isEqualTo("Why: " + reason);
        assertThat(browser.findElements(By.cssSelector("#certificates img"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return document.body.dataset.injected || null")).isNull();
        assertThat(browser.findElements(By.cssSelector(failed + " button"))).as("ordered ones are fazt's to renew").isEmpty();
        assertThat(browser.findElements(By.id("no-certificates"))).isEmpty();
        waitForText(By.id("certs-https"), "1 failed");
    }

    @Test
    void aSettingBeingTypedIsKeptWhileTheCertificatesAreDrawnAgain() {
        signIn(1280, 900);
        openSystem();
        WebElement domain = waitFor(By.id("setting-domain"));
        domain.sendKeys("example.org");
        // leave the field: the page is drawn again for changes only while no field has the focus
        ((JavascriptExecutor) browser).executeScript("document.activeElement.blur()");
        t.fazt.certificates().markFailed("blog.fazt.test", "rate limited");
        waitForText(By.cssSelector("#certificates tr[data-reason-for='blog.fazt.test']"), "rate limited");
        assertThat(browser.findElement(By.id("setting-domain")).getAttribute("value")).isEqualTo("example.org");
    }

    @Test
    void atPhoneWidthNeitherTheEmptySectionNorALongReasonScrollsThePageSideways() {
        signIn(360, 740);
        browser.get(home() + "#/system");
        waitFor(By.id("no-certificates"));
        assertThat(sidewaysOverflow()).as("the commands of the empty section").isLessThanOrEqualTo(0);
        t.fazt.certificates().markFailed("a-rather-long-application-name.example.com",
                "the CA could not validate a-rather-long-application-name.example.com: " + "connection refused ".repeat(20));
        row("a-rather-long-application-name.example.com");
        assertThat(sidewaysOverflow()).as("a long name and reason").isLessThanOrEqualTo(0);
    }

    private int sidewaysOverflow() {
        return ((Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).intValue();
    }
}
