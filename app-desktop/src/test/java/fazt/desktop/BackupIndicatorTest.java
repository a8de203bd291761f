package fazt.desktop;

import static fazt.desktop.WindowUnderTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** The status bar's word on scheduled backups over a real instance: hidden while off, a failed run in the error colour, then a good one. */
class BackupIndicatorTest extends WindowTest {
    @Start
    void start(Stage stage) throws IOException {
        open(stage);
    }

    private static Label backup(FxRobot robot) {
        return robot.lookup("#status-backup").queryAs(Label.class);
    }

    @Test
    void aFailedRunShowsUntilAGoodOne(FxRobot robot) throws Exception {
        assertThat(backup(robot).isVisible()).isFalse();
        Path aFile = Files.writeString(dir.resolve("a-file"), "not a folder");
        session.fazt().config().storeAll(Map.of("backup_dir", aFile.resolve("b").toString(), "backup_every", "1m"));
        waitFor(() -> backup(robot).isVisible() && backup(robot).getText().equals("Backups on"));

        session.fazt().scheduledBackups().runIfDue();
        waitFor(() -> backup(robot).getText().equals("Backup failed"));
        assertThat(backup(robot).getStyleClass()).contains("error");
        assertThat(backup(robot).getTooltip().getText()).startsWith("Scheduled backups: every 1m to " + aFile.resolve("b"))
                .contains("LAST FAILED", "cannot write a backup to");

        session.fazt().config().store("backup_every", "off");
        waitFor(() -> !backup(robot).isVisible());
    }
}
