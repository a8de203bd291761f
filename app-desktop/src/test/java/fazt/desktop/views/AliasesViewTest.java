package fazt.desktop.views;

import static fazt.desktop.WindowUnderTest.appsMessage;
import static fazt.desktop.WindowUnderTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.desktop.WindowTest;
import java.io.IOException;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** The Aliases view in the real window: an alias set there routes over HTTP. */
class AliasesViewTest extends WindowTest {
    @Start
    void start(Stage stage) throws IOException {
        open(stage);
    }

    @Test
    void anAliasSetInTheViewRoutesOverHttp(FxRobot robot) throws Exception {
        drop(robot, site("shop", "<p>shop</p>", null));
        waitFor(() -> appsMessage(robot).startsWith("Published shop"));
        robot.clickOn("#nav-aliases");
        robot.clickOn("#alias-subdomain").write("store");
        robot.clickOn("#alias-target").write("shop");
        robot.clickOn("#alias-set");
        waitFor(() -> robot.lookup("#aliases-message").queryAs(Label.class).getText().startsWith("store now points to shop"));
        assertThat(get("store.localhost", "/").body()).isEqualTo("<p>shop</p>");
        waitFor(() -> window.aliases().table().getItems().stream().anyMatch(a -> a.subdomain().equals("store")));
    }
}
