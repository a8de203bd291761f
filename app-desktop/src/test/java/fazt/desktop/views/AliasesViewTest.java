package fazt.desktop.views;

import static fazt.desktop.WindowUnderTest.appsMessage;
import static fazt.desktop.WindowUnderTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.desktop.MainWindow;
import fazt.desktop.WindowUnderTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Aliases view in the real window: an alias set there routes over HTTP. */
@ExtendWith(ApplicationExtension.class)
class AliasesViewTest {
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
    void anAliasSetInTheViewRoutesOverHttp(FxRobot robot) throws Exception {
        drop(robot, site("shop", "<p>shop</p>", null));
        waitFor(() -> appsMessage(robot).startsWith("Published shop"));
        robot.clickOn("#tab-aliases");
        robot.clickOn("#alias-subdomain").write("store");
        robot.clickOn("#alias-target").write("shop");
        robot.clickOn("#alias-set");
        waitFor(() -> robot.lookup("#aliases-message").queryAs(Label.class).getText().startsWith("store now points to shop"));
        assertThat(get("store.localhost", "/").body()).isEqualTo("<p>shop</p>");
        waitFor(() -> window.aliases().table().getItems().stream().anyMatch(a -> a.subdomain().equals("store")));
    }
}
