package fazt.desktop;

import static fazt.desktop.WindowUnderTest.appsMessage;
import static fazt.desktop.WindowUnderTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.apps.Bundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * Deploys while the window is hidden are notified, deploys while it is shown are not: a deploy
 * from elsewhere (the engine, as a terminal or the dashboard deploys) and a drop that fails.
 */
class DeployNoticesTest extends WindowTest {
    private final List<String> shown = new CopyOnWriteArrayList<>();
    private Stage stage;
    private DeployNotices notices;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        stage.setIconified(false); // TestFX hands every test the same stage, as the last test left it
        open(stage);
        notices = DeployNotices.watch(stage, session, (title, text, error) -> shown.add((error ? "error: " : "") + title + " | " + text));
    }

    @AfterEach
    void closeNotices(FxRobot robot) {
        robot.interact(notices::close);
    }

    private void deployElsewhere(String app) {
        session.fazt().apps().deploy(app, Bundle.of(Map.of("index.html", app.getBytes(StandardCharsets.UTF_8))), null);
    }

    @Test
    void aDeployFromElsewhereWhileHiddenIsNotifiedAndWhileShownIsNot(FxRobot robot) throws Exception {
        deployElsewhere("seen");
        waitFor(() -> notices.deploysSeen() == 1);
        robot.interact(stage::hide);
        deployElsewhere("away");
        waitFor(() -> notices.deploysSeen() == 2);
        robot.interact(stage::show);
        deployElsewhere("back");
        waitFor(() -> notices.deploysSeen() == 3);
        robot.interact(() -> stage.setIconified(true));
        deployElsewhere("away");
        waitFor(() -> notices.deploysSeen() == 4);
        int port = session.server().port();
        assertThat(shown).containsExactly(
                "Published away | Version 1 is live at http://away.localhost:" + port,
                "Published away | Version 2 is live at http://away.localhost:" + port);
    }

    @Test
    void aDropThatFailsWhileHiddenIsNotifiedAsAnError(FxRobot robot) throws Exception {
        Path bad = dir.resolve("broken.zip");
        Files.writeString(bad, "this is not a zip at all");
        drop(robot, bad);
        waitFor(() -> appsMessage(robot).startsWith("Could not publish broken.zip"));
        assertThat(shown).isEmpty();
        robot.interact(stage::hide);
        Path worse = dir.resolve("worse.zip");
        Files.writeString(worse, "nor is this");
        drop(robot, worse);
        waitFor(() -> !shown.isEmpty());
        assertThat(shown).hasSize(1);
        assertThat(shown.get(0)).startsWith("error: Could not publish worse.zip | ").contains("not a zip");
    }
}
