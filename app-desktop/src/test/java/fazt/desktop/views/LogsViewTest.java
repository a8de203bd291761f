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

/** The Logs view in the real window: a function's console output shows up there and filters. */
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
}
