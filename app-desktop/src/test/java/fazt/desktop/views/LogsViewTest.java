package fazt.desktop.views;

import static fazt.desktop.WindowUnderTest.appsMessage;
import static fazt.desktop.WindowUnderTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.desktop.WindowTest;
import java.io.IOException;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * The Logs view in the real window: a function's console output shows up there and filters, each
 * level in its colour, a request id filters to that request, and follow keeps the newest line in view.
 */
class LogsViewTest extends WindowTest {
    @Start
    void start(Stage stage) throws IOException {
        open(stage);
    }

    @Test
    void aConsoleLogInAFunctionShowsUpInTheLogsView(FxRobot robot) throws Exception {
        drop(robot, site("talk", "x", "console.log('hello from the function', request.query.n); respond({ok: true})"));
        waitFor(() -> appsMessage(robot).startsWith("Published talk"));
        robot.clickOn("#nav-logs");
        assertThat(get("talk.localhost", "/api?n=42").statusCode()).isEqualTo(200);
        LogsView logs = window.logs();
        waitFor(() -> logs.shownText().stream().anyMatch(l -> l.contains("INFO  talk v1  hello from the function 42")));
        robot.interact(() -> logs.filter("talk", "error", null));
        assertThat(logs.shownText()).isEmpty();
        robot.interact(() -> logs.filter("talk", "info", "function 42"));
        assertThat(logs.shownText()).hasSize(1);
    }
    /** The lines shown, read on the window's thread (the view changes them there). */
    private static java.util.List<String> shown(LogsView logs) throws Exception {
        return org.testfx.util.WaitForAsyncUtils.asyncFx(logs::shownText).get();
    }

    private java.net.http.HttpResponse<String> call(String host, String path, String requestId) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + session.server().port() + path))
                .header("Host", host).header("X-Request-ID", requestId).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachLevelHasItsColourClassAndARequestIdFiltersToThatRequest(FxRobot robot) throws Exception {
        drop(robot, site("shop", "x", "console.info('start', request.query.n); console.warn('slow', request.query.n);"
                + " console.error('failed', request.query.n); respond({ok: true})"));
        waitFor(() -> appsMessage(robot).startsWith("Published shop"));
        robot.clickOn("#nav-logs");
        assertThat(call("shop.localhost", "/api?n=1", "req-one").statusCode()).isEqualTo(200);
        assertThat(call("shop.localhost", "/api?n=2", "req-two").statusCode()).isEqualTo(200);
        LogsView logs = window.logs();
        waitFor(() -> shown(logs).size() == 6);
        waitFor(() -> robot.lookup(".log-line.log-error").queryAll().size() == 2);
        assertThat(robot.lookup(".log-line.log-warn").queryAll()).hasSize(2);
        assertThat(robot.lookup(".log-line.log-info").queryAll()).hasSize(2);
        assertThat(robot.lookup(".log-line.log-warn").queryAll()).allMatch(n -> ((javafx.scene.control.ListCell<?>) n).getGraphic()
                .lookup(".log-text") != null);

        javafx.scene.control.Hyperlink first = robot.lookup(".log-request").queryAllAs(javafx.scene.control.Hyperlink.class).stream()
                .filter(h -> "req-one".equals(h.getUserData())).findFirst().orElseThrow();
        assertThat(first.getText()).isEqualTo("req req-one");
        robot.interact(first::fire);
        assertThat(shown(logs)).hasSize(3).allMatch(l -> l.endsWith(" 1"));
        assertThat(robot.lookup("#logs-request").queryAs(javafx.scene.control.Label.class).getText())
                .isEqualTo("Only the lines of request req-one");
        assertThat(robot.lookup("#logs-request-bar").query().isVisible()).isTrue();
        robot.interact(() -> robot.lookup("#logs-all-lines").queryButton().fire());
        assertThat(shown(logs)).hasSize(6);
        assertThat(robot.lookup("#logs-request-bar").query().isVisible()).isFalse();
    }

    @Test
    void followKeepsTheNewestLineInViewAndOffLeavesTheViewWhereItIs(FxRobot robot) throws Exception {
        drop(robot, site("chatty", "x", "for (let i = 0; i < 80; i++) console.log('line', request.query.n, i); respond({ok: true})"));
        waitFor(() -> appsMessage(robot).startsWith("Published chatty"));
        robot.clickOn("#nav-logs");
        LogsView logs = window.logs();
        assertThat(logs.follow().isSelected()).as("on by default").isTrue();
        assertThat(get("chatty.localhost", "/api?n=1").statusCode()).isEqualTo(200);
        waitFor(() -> shown(logs).size() == 80);
        waitFor(() -> org.testfx.util.WaitForAsyncUtils.asyncFx(logs::showsLastLine).get());

        robot.interact(() -> {
            logs.follow().fire();
            robot.lookup("#logs-list").queryListView().scrollTo(0);
        });
        assertThat(logs.follow().isSelected()).isFalse();
        assertThat(get("chatty.localhost", "/api?n=2").statusCode()).isEqualTo(200);
        waitFor(() -> shown(logs).size() == 160);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertThat(org.testfx.util.WaitForAsyncUtils.asyncFx(logs::showsLastLine).get()).as("the view stays where the person scrolled to").isFalse();

        robot.interact(() -> logs.follow().fire());
        waitFor(() -> org.testfx.util.WaitForAsyncUtils.asyncFx(logs::showsLastLine).get());
    }
}
