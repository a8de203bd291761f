package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The dashboard's "New app" form, in a real browser against a real instance. */
class DashboardNewAppTest extends DashboardSession {
    @Test
    void aNewAppFromATemplateIsListedAndServesItsFunction() {
        signIn(1280, 900);
        browser.findElement(By.id("nav-apps")).click();
        waitFor(By.id("new-app-name")).sendKeys("shopping");
        new Select(browser.findElement(By.id("new-app-template"))).selectByValue("api");
        browser.findElement(By.id("new-app-create")).click();
        waitForText(By.id("new-app-message"), "Created shopping from the api template.");
        waitFor(By.cssSelector("#apps tr[data-app='shopping']"));
        assertThat(new String(t.get("shopping.localhost", "/").body(), StandardCharsets.UTF_8)).contains("<h1>shopping</h1>");
        assertThat(t.get("shopping.localhost", "/api/items").statusCode()).isEqualTo(200);

        t.deploy("taken", TestInstance.zip(Map.of("index.html", "mine")));
        waitFor(By.cssSelector("#apps tr[data-app='taken']")); // the page is redrawn by the deploy's change event
        assertThat(browser.findElement(By.id("new-app-message")).getText()).as("the answer outlives the redraw")
                .isEqualTo("Created shopping from the api template.");
        browser.findElement(By.id("new-app-name")).sendKeys("taken");
        browser.findElement(By.id("new-app-create")).click();
        waitForText(By.id("new-app-message"), "Not created: an app named 'taken' exists already");
        assertThat(new String(t.get("taken.localhost", "/").body(), StandardCharsets.UTF_8)).isEqualTo("mine");
    }
}
