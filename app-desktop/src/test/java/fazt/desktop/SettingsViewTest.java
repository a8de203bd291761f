package fazt.desktop;

import static fazt.desktop.WindowUnderTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import fazt.desktop.shell.DesktopPrefs;
import fazt.desktop.shell.Theme;
import java.io.IOException;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** The Settings section over a real engine: each change is stored where it belongs and read back; bad input says why. */
class SettingsViewTest extends WindowTest {
    @Start
    void start(Stage stage) throws IOException {
        open(stage);
    }

    private String message(FxRobot robot) {
        return robot.lookup("#settings-message").queryAs(Label.class).getText();
    }

    @Test
    void theThemeSwitchesAtOnceAndIsRemembered(FxRobot robot) throws Exception {
        robot.clickOn("#nav-settings");
        ComboBox<Theme> theme = robot.lookup("#theme-choice").queryComboBox();
        robot.interact(() -> theme.setValue(Theme.DARK));
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerDark().getUserAgentStylesheetBSS());
        assertThat(ui.prefs().theme()).isEqualTo(Theme.DARK);
        // what the next start reads: the same preferences node, read afresh
        assertThat(new DesktopPrefs(Preferences.userRoot().node(ui.prefs().path())).theme()).isEqualTo(Theme.DARK);
        robot.interact(() -> theme.setValue(Theme.LIGHT));
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerLight().getUserAgentStylesheetBSS());
        assertThat(ui.prefs().theme()).isEqualTo(Theme.LIGHT);
        assertThat(message(robot)).isEqualTo("Theme: Light.");
    }

    @Test
    void thePortIsCheckedAndStoredForTheNextStart(FxRobot robot) throws Exception {
        robot.clickOn("#nav-settings");
        TextField port = robot.lookup("#settings-port").queryAs(TextField.class);
        waitFor(() -> robot.lookup("#settings-port-note").queryAs(Label.class).getText().contains(String.valueOf(session.server().port())));
        robot.interact(() -> port.setText("70000"));
        robot.interact(() -> robot.lookup("#settings-port-save").queryButton().fire());
        waitFor(() -> !message(robot).isEmpty());
        assertThat(message(robot)).contains("port").doesNotContain("Exception");
        assertThat(session.fazt().config().stored("port")).isNotEqualTo("70000");
        robot.interact(() -> port.setText("8123"));
        robot.interact(() -> robot.lookup("#settings-port-save").queryButton().fire());
        waitFor(() -> message(robot).equals("Port 8123 saved: it applies at the next start."));
        assertThat(session.fazt().config().stored("port")).isEqualTo("8123");
    }

    @Test
    void theOwnerPasswordChangesOnlyWhenTypedTwiceTheSame(FxRobot robot) throws Exception {
        robot.clickOn("#nav-settings");
        PasswordField password = robot.lookup("#settings-password").queryAs(PasswordField.class);
        PasswordField again = robot.lookup("#settings-password-again").queryAs(PasswordField.class);
        String user = session.fazt().owner().username().orElseThrow();
        robot.interact(() -> {
            password.setText("correct horse battery");
            again.setText("correct horse batteyr");
        });
        robot.interact(() -> robot.lookup("#settings-password-save").queryButton().fire());
        assertThat(message(robot)).isEqualTo("The two passwords differ: type the same one twice.");
        assertThat(session.fazt().owner().verify(user, "correct horse battery")).isFalse();
        robot.interact(() -> {
            password.setText("short");
            again.setText("short");
        });
        robot.interact(() -> robot.lookup("#settings-password-save").queryButton().fire());
        waitFor(() -> !message(robot).startsWith("The two"));
        assertThat(message(robot)).containsIgnoringCase("password").doesNotContain("Exception");
        assertThat(session.fazt().owner().verify(user, "short")).isFalse();
        robot.interact(() -> {
            password.setText("correct horse battery");
            again.setText("correct horse battery");
        });
        robot.interact(() -> robot.lookup("#settings-password-save").queryButton().fire());
        waitFor(() -> message(robot).startsWith("Password changed for " + user));
        assertThat(session.fazt().owner().verify(user, "correct horse battery")).isTrue();
        assertThat(password.getText()).isEmpty();
    }

    @Test
    void domainHttpsAndBackupsAreShown(FxRobot robot) throws Exception {
        robot.clickOn("#nav-settings");
        waitFor(() -> robot.lookup("#settings-domain").queryAs(Label.class).getText().endsWith("HTTPS: off"));
        waitFor(() -> !robot.lookup("#settings-backups").queryAs(Label.class).getText().equals("…"));
        assertThat(robot.lookup("#settings-backups").queryAs(Label.class).getText()).doesNotContain("Exception");
        session.localNode().setConfig("domain", "example.org"); // from elsewhere: the section follows
        waitFor(() -> robot.lookup("#settings-domain").queryAs(Label.class).getText().startsWith("Domain: example.org"));
    }
}
