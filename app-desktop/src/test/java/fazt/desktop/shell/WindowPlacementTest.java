package fazt.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.prefs.Preferences;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window opens where it was closed, as large as it was; a place no screen shows any more is not restored. */
@ExtendWith(ApplicationExtension.class)
class WindowPlacementTest {
    private final DesktopPrefs prefs = new DesktopPrefs(Preferences.userRoot().node("fazt-test/" + UUID.randomUUID()));
    private Stage stage;

    /** A window of its own (not TestFX's, which the next test class reuses), remembered from its start. */
    @Start
    void start(Stage primary) {
        stage = new Stage();
        stage.setScene(new Scene(new Pane(), 600, 400));
        WindowPlacement.remember(stage, prefs);
        stage.show();
    }

    @AfterEach
    void forget(FxRobot robot) {
        robot.interact(stage::close);
        prefs.remove();
    }

    @Test
    void closingRemembersThePlaceAndTheNextWindowOpensThere(FxRobot robot) {
        robot.interact(() -> {
            stage.setX(120);
            stage.setY(90);
            stage.setWidth(820);
            stage.setHeight(530);
        });
        robot.interact(stage::hide);
        assertThat(prefs.window()).isEqualTo(new WindowPlacement.Bounds(120, 90, 820, 530, false));
        // the next start: preferences read afresh, a new window
        DesktopPrefs next = new DesktopPrefs(Preferences.userRoot().node(prefs.path()));
        Stage[] reopened = new Stage[1];
        robot.interact(() -> {
            reopened[0] = new Stage();
            reopened[0].setScene(new Scene(new Pane(), 300, 200));
            assertThat(WindowPlacement.restore(reopened[0], next)).isTrue();
            reopened[0].show();
        });
        assertThat(new double[] {reopened[0].getX(), reopened[0].getY(), reopened[0].getWidth(), reopened[0].getHeight()})
                .containsExactly(120, 90, 820, 530);
        robot.interact(reopened[0]::close);
    }

    @Test
    void aPlaceNoScreenShowsOrThatDoesNotReadAsBoundsIsNotRestored(FxRobot robot) {
        prefs.window(new WindowPlacement.Bounds(-30000, -30000, 800, 600, false));
        robot.interact(() -> assertThat(WindowPlacement.restore(new Stage(), prefs)).isFalse());
        for (String bad : new String[] {"", "1,2,3", "a,b,c,d", "0,0,10,10", "1,2,3,4,5,6"}) {
            assertThat(WindowPlacement.Bounds.parse(bad)).as(bad).isNull();
        }
        assertThat(WindowPlacement.Bounds.parse("10,20,800,600,maximized")).isEqualTo(new WindowPlacement.Bounds(10, 20, 800, 600, true));
        assertThat(WindowPlacement.Bounds.parse(new WindowPlacement.Bounds(5, 6, 700, 500, false).text()))
                .isEqualTo(new WindowPlacement.Bounds(5, 6, 700, 500, false));
    }
}
