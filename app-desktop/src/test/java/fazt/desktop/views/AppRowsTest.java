package fazt.desktop.views;

import static fazt.desktop.WindowUnderTest.appsMessage;
import static fazt.desktop.WindowUnderTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.apps.AppNames;
import fazt.desktop.WindowTest;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * The Apps view's rows in the real window: what a row shows, the search, the empty state, the
 * deploy toast's Undo, a row's env vars and logs buttons.
 */
class AppRowsTest extends WindowTest {
    @Start
    void start(Stage stage) throws IOException {
        open(stage);
    }

    /**
     * Waits until the Apps view's message starts with {@code start}; a timeout says what it said
     * instead. The first deploy with a function in a run also starts the JavaScript engine that
     * checks it, which a loaded machine takes long for: this wait allows for that.
     */
    private static void published(FxRobot robot, String start) throws Exception {
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(90, java.util.concurrent.TimeUnit.SECONDS, () -> appsMessage(robot).startsWith(start));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("waited for \"" + start + "\"; the Apps view says \"" + appsMessage(robot) + "\"", e);
        }
    }

    /** The names listed, without the instance's own landing page. */
    private List<String> listed() {
        return window.apps().list().getItems().stream().map(a -> a.name()).filter(n -> !AppNames.isSystemApp(n)).toList();
    }

    private AppCard cardOf(FxRobot robot, String app) throws Exception {
        waitFor(() -> window.apps().card(app) != null);
        return window.apps().card(app);
    }

    @Test
    void aRowShowsNameAddressVersionLastDeployAndVisits(FxRobot robot) throws Exception {
        drop(robot, site("blog", "<h1>blog</h1>", null));
        published(robot, "Published blog version 1");
        for (int i = 0; i < 3; i++) assertThat(get("blog.localhost", "/").statusCode()).isEqualTo(200);
        waitFor(() -> {
            robot.interact(() -> window.apps().refresh());
            AppCard c = window.apps().card("blog");
            return c != null && c.visits().size() == AppsView.SPARK_DAYS && c.visits().getLast() == 3;
        });
        AppCard card = cardOf(robot, "blog");
        String url = "http://blog.localhost:" + session.server().port();
        Hyperlink link = robot.from(card).lookup(".app-url").queryAs(Hyperlink.class);
        assertThat(link.getText()).isEqualTo(url);
        assertThat(link.getTooltip().getText()).as("the full address, whatever fits").isEqualTo(url);
        assertThat(robot.from(card).lookup(".app-version").queryAs(Label.class).getText()).isEqualTo("v1");
        assertThat(card.agoText()).isEqualTo("published just now");
        assertThat(card.liveText()).isEqualTo("0 live");
        assertThat(card.qr()).as("no QR code while the window listens on loopback only").isNull();
        for (String action : List.of(".app-open", ".app-versions", ".app-logs", ".app-env", ".app-delete", ".app-copy-url")) {
            Button b = robot.from(card).lookup(action).queryButton();
            assertThat(b.getTooltip().getText()).as(action).isNotBlank();
        }

        robot.interact(() -> robot.from(card).lookup(".app-copy-url").queryButton().fire());
        String copied = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()).get();
        assertThat(copied).isEqualTo(url);
    }

    @Test
    void theSearchFiltersAppsAndCtrlFLandsInIt(FxRobot robot) throws Exception {
        drop(robot, site("alpha", "a", null), site("beta", "b", null));
        waitFor(() -> listed().size() == 2);
        robot.interact(() -> window.apps().focusSearch());
        TextField search = robot.lookup("#apps-search").queryAs(TextField.class);
        waitFor(search::isFocused);
        robot.write("alp");
        waitFor(() -> window.apps().list().getItems().stream().map(a -> a.name()).toList().equals(List.of("alpha")));
        robot.interact(() -> search.setText("BETA.localhost"));
        assertThat(window.apps().list().getItems()).extracting(a -> a.name()).containsExactly("beta");
        robot.interact(() -> search.setText("nothing-like-this"));
        assertThat(window.apps().list().getItems()).isEmpty();
        assertThat(robot.lookup("#apps-empty").queryAs(EmptyApps.class).isVisible())
                .as("a search without match is not an empty instance").isFalse();
        robot.interact(() -> search.setText(""));
        assertThat(listed()).containsExactlyInAnyOrder("alpha", "beta");
    }

    @Test
    void anEmptyInstanceShowsTheDropAreaUntilItsFirstApp(FxRobot robot) throws Exception {
        EmptyApps empty = robot.lookup("#apps-empty").queryAs(EmptyApps.class);
        waitFor(empty::isVisible);
        assertThat(robot.from(empty).lookup(".label").queryAll()).extracting(n -> ((Label) n).getText())
                .contains("Drop a folder here", "A folder or a .zip dropped anywhere on this window is published to This computer.");
        assertThat(robot.lookup("#empty-new-app").queryButton().getText()).isEqualTo("New app from a template…");
        drop(robot, site("first", "1", null));
        waitFor(() -> !empty.isVisible());
        assertThat(window.apps().list().isVisible()).isTrue();
    }

    @Test
    void theToastsUndoMakesThePreviousVersionServeAgain(FxRobot robot) throws Exception {
        drop(robot, site("blog", "one", null));
        published(robot, "Published blog version 1");
        DeployToast toast = window.apps().toast();
        waitFor(toast::isVisible); // shown on the window's thread just after the message
        assertThat(toast.message()).isEqualTo("Published blog v1");
        assertThat(toast.undoButton().isVisible()).as("a first deploy has nothing to undo").isFalse();

        Files.writeString(dir.resolve("src/blog/index.html"), "two");
        drop(robot, dir.resolve("src/blog"));
        published(robot, "Published blog version 2");
        assertThat(get("blog.localhost", "/").body()).isEqualTo("two");
        waitFor(() -> toast.message().equals("Published blog v2"));
        assertThat(robot.lookup("#deploy-toast-url").queryAs(Hyperlink.class).getText())
                .isEqualTo("http://blog.localhost:" + session.server().port());
        assertThat(toast.undoButton().isVisible()).isTrue();
        robot.interact(() -> toast.undoButton().fire());
        waitFor(() -> appsMessage(robot).equals("blog now serves version 1"));
        assertThat(get("blog.localhost", "/").body()).isEqualTo("one");
        assertThat(toast.isVisible()).isFalse();
        assertThat(session.node().versions("blog")).as("Undo keeps version 2 to roll forward to").hasSize(2);
    }

    @Test
    void aRowsEnvButtonSetsAVariableTheFunctionReads(FxRobot robot) throws Exception {
        drop(robot, site("greeter", "x", "respond({greeting: fazt.env.get('GREETING', 'unset')})"));
        published(robot, "Published greeter");
        AppCard card = cardOf(robot, "greeter");
        robot.interact(() -> robot.from(card).lookup(".app-env").queryButton().fire());
        waitFor(() -> robot.lookup("#env-dialog").tryQuery().isPresent());
        robot.interact(() -> {
            robot.lookup("#env-key").queryAs(TextField.class).setText("bad key");
            robot.lookup("#env-value").queryAs(TextField.class).setText("x");
            robot.lookup("#env-set").queryButton().fire();
        });
        Label status = robot.lookup("#env-status").queryAs(Label.class);
        waitFor(() -> status.getStyleClass().contains("error"));
        assertThat(status.getText()).contains("bad key");

        robot.interact(() -> {
            robot.lookup("#env-key").queryAs(TextField.class).setText("GREETING");
            robot.lookup("#env-value").queryAs(TextField.class).setText("hello there");
            robot.lookup("#env-set").queryButton().fire();
        });
        waitFor(() -> status.getText().equals("GREETING set."));
        assertThat(status.getStyleClass()).doesNotContain("error");
        javafx.scene.control.ListView<?> vars = robot.lookup("#env-list").queryListView();
        waitFor(() -> vars.getItems().size() == 1);
        assertThat(get("greeter.localhost", "/api").body()).contains("\"greeting\":\"hello there\"");
    }

    @Test
    void aRowsLogsButtonShowsTheLogsOfThatApp(FxRobot robot) throws Exception {
        drop(robot, site("talk", "x", "console.log('said', request.query.n); respond({ok: true})"));
        published(robot, "Published talk");
        drop(robot, site("quiet", "x", "console.log('also said'); respond({ok: true})"));
        published(robot, "Published quiet");
        assertThat(get("talk.localhost", "/api?n=1").statusCode()).isEqualTo(200);
        assertThat(get("quiet.localhost", "/api").statusCode()).isEqualTo(200);
        AppCard card = cardOf(robot, "talk");
        robot.interact(() -> robot.from(card).lookup(".app-logs").queryButton().fire());
        assertThat(robot.lookup("#logs-view").query().isVisible()).isTrue();
        assertThat(robot.lookup("#logs-app").queryAs(TextField.class).getText()).isEqualTo("talk");
        waitFor(() -> org.testfx.util.WaitForAsyncUtils.asyncFx(window.logs()::shownText).get().stream().anyMatch(l -> l.contains("talk v1  said 1")));
        assertThat(org.testfx.util.WaitForAsyncUtils.asyncFx(window.logs()::shownText).get()).noneMatch(l -> l.contains("quiet"));
    }
}
