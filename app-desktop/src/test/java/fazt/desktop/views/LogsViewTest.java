package fazt.desktop.views;

import static fazt.desktop.WindowUnderTest.appsMessage;
import static fazt.desktop.WindowUnderTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.desktop.MainWindow;
import fazt.desktop.WindowUnderTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Logs view in the real window: a function's console output shows up there and filters. */
@ExtendWith(ApplicationExtension.class)
class LogsViewTest {
    private WindowUnderTest ui;
    private MainWindow window;

    @Start
    void start(Stage stage) throws IOException {
        ui = new WindowUnderTest(stage);
        window = ui.window();
    }

    @AfterEach
    void stop() throws IOException {
        ui.close();
    }

    private Path site(String name, String index, String mainJs) throws IOException {
        return ui.site(name, index, mainJs);
    }

    private HttpResponse<String> get(String host, String path) throws Exception {
        return ui.get(host, path);
    }

    private void drop(FxRobot robot, Path... paths) {
        ui.drop(robot, paths);
    }

    @Test
    void aConsoleLogInAFunctionShowsUpInTheLogsView(FxRobot robot) throws Exception {
        drop(robot, site("talk", "x", "console.log('hello from the function', request.query.n); respond({ok: true})"));
        waitFor(() -> appsMessage(robot).startsWith("Published talk"));
        robot.clickOn("#tab-logs");
        assertThat(get("talk.localhost", "/api?n=42").statusCode()).isEqualTo(200);
        LogsView logs = window.logs();
        waitFor(() -> logs.shownText().stream().anyMatch(l -> l.contains("INFO  talk v1  hello from the function 42")));
        robot.interact(() -> logs.filter("talk", "error", null));
        assertThat(logs.shownText()).isEmpty();
        robot.interact(() -> logs.filter("talk", "info", "function 42"));
        assertThat(logs.shownText()).hasSize(1);
    }
}
