package fazt.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.Fazt;
import fazt.core.FaztException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The start order of the desktop: the window shows at once in its starting state while the
 * engine and the server open behind it, and becomes the main window when they serve.
 */
@ExtendWith(ApplicationExtension.class)
class StartOrderTest {
    private final CountDownLatch openMayFinish = new CountDownLatch(1);
    private final List<DesktopSession> opened = new CopyOnWriteArrayList<>();
    private final List<RuntimeException> failures = new CopyOnWriteArrayList<>();
    private Stage stage;
    private final fazt.desktop.shell.DesktopPrefs prefs = new fazt.desktop.shell.DesktopPrefs(
            java.util.prefs.Preferences.userRoot().node("fazt-test/" + java.util.UUID.randomUUID()));
    private Path dir;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        dir = Files.createTempDirectory("fazt-start-order-test");
        // an instance that has run before, so no welcome dialog opens over the window
        try (Fazt earlier = Fazt.open(dir.resolve("data.db"), Map.of())) {
            earlier.owner().generateIfMissing();
            earlier.config().store("desktop_welcomed", "true");
        }
    }

    @AfterEach
    void stop() throws IOException {
        openMayFinish.countDown();
        opened.forEach(DesktopSession::close);
        prefs.remove();
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private DesktopSession openWhenReleased() {
        try {
            openMayFinish.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return DesktopSession.open(dir.resolve("data.db"), 0);
    }

    @Test
    void theWindowShowsBeforeTheNodeIsReadyAndThenBecomesTheMainWindow(FxRobot robot) throws Exception {
        robot.interact(() -> DesktopApp.begin(stage, this::openWhenReleased, opened::add, false, failures::add, prefs));
        assertThat(stage.isShowing()).isTrue();
        assertThat(robot.lookup("#starting-text").queryAs(Label.class).getText()).isEqualTo("Starting fazt…");
        assertThat(robot.lookup("#main-window").tryQuery()).isEmpty();

        openMayFinish.countDown();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#main-window").tryQuery().isPresent());
        assertThat(robot.lookup("#starting").tryQuery()).isEmpty();
        assertThat(opened).hasSize(1);
        assertThat(robot.lookup("#status-urls").queryAs(Label.class).getText()).contains(":" + opened.get(0).server().port());
        assertThat(failures).isEmpty();
    }

    @Test
    void aNodeThatCannotOpenIsReportedAndTheWindowStaysInItsStartingState(FxRobot robot) throws Exception {
        FaztException locked = new FaztException(FaztException.Kind.CONFLICT, "LOCKED", "data.db is in use");
        robot.interact(() -> DesktopApp.begin(stage, () -> {
            throw locked;
        }, opened::add, false, failures::add, prefs));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !failures.isEmpty());
        assertThat(failures).containsExactly(locked);
        assertThat(opened).isEmpty();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#main-window").tryQuery()).isEmpty();
    }
}
