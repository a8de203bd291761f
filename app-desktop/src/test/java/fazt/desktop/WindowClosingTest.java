package fazt.desktop;

import static fazt.desktop.WindowUnderTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * Closing the window on a desktop without a tray: asked once, remembered, and a window closed to
 * the background comes back when {@code fazt} is launched again on the same data.db (the real
 * second launch, over the running server's API).
 */
class WindowClosingTest extends WindowTest {
    private Stage stage;
    private final AtomicInteger quits = new AtomicInteger();
    private final List<String> shown = new CopyOnWriteArrayList<>();
    private Runnable uninstall;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        open(stage);
        uninstall = WindowClosing.install(stage, session, false, (title, text, error) -> shown.add(title), quits::incrementAndGet);
    }

    @AfterEach
    void uninstall(FxRobot robot) {
        robot.interact(uninstall); // TestFX hands every test the same stage
    }

    /** What the window manager does when the person clicks the window's close button. */
    private void closeWindow() {
        Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
    }

    private Button answer(FxRobot robot, String text) throws Exception {
        waitFor(() -> robot.lookup("#close-choice .button").queryAllAs(Button.class).stream().anyMatch(b -> b.getText().equals(text)));
        return robot.lookup("#close-choice .button").queryAllAs(Button.class).stream().filter(b -> b.getText().equals(text)).findFirst()
                .orElseThrow();
    }

    private String setting() {
        return session.fazt().config().get(WindowClosing.SETTING);
    }

    @Test
    void keepServingHidesTheWindowRemembersItAndASecondLaunchBringsItBack(FxRobot robot) throws Exception {
        assertThat(setting()).isEqualTo("ask");
        closeWindow();
        Button keep = answer(robot, WindowClosing.KEEP_SERVING);
        robot.interact(keep::fire);
        waitFor(() -> !stage.isShowing());
        assertThat(setting()).isEqualTo("background");
        assertThat(shown).containsExactly("fazt keeps serving");
        assertThat(get("localhost", "/").statusCode()).as("still serving in the background").isEqualTo(200);

        assertThat(DesktopLauncher.launch(dir.resolve("data.db").toString(), null, false)).isZero();
        waitFor(stage::isShowing);

        closeWindow(); // remembered: no question this time
        waitFor(() -> !stage.isShowing());
        assertThat(robot.lookup("#close-choice").tryQuery()).isEmpty();
        assertThat(quits.get()).isZero();
        assertThat(DesktopLauncher.launch(dir.resolve("data.db").toString(), null, false)).isZero();
        waitFor(stage::isShowing);
    }

    @Test
    void quitIsRememberedAndCancelChangesNothing(FxRobot robot) throws Exception {
        closeWindow();
        robot.interact(answer(robot, "Cancel")::fire);
        waitFor(() -> robot.lookup("#close-choice").tryQuery().isEmpty());
        assertThat(stage.isShowing()).isTrue();
        assertThat(setting()).isEqualTo("ask");
        assertThat(quits.get()).isZero();

        closeWindow();
        robot.interact(answer(robot, WindowClosing.QUIT)::fire);
        waitFor(() -> quits.get() == 1);
        assertThat(setting()).isEqualTo("quit");

        closeWindow(); // remembered: quits without asking
        waitFor(() -> quits.get() == 2);
        assertThat(robot.lookup("#close-choice").tryQuery()).isEmpty();
        assertThat(shown).isEmpty();
    }
}
