package fazt.desktop;

import static fazt.desktop.WindowUnderTest.appsMessage;
import static fazt.desktop.WindowUnderTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.apps.DeployInput;
import fazt.desktop.shell.Section;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * The window's shell over a real engine and server: sections by sidebar and keyboard, the drop
 * overlay, the shortcuts for a new app and a folder, always-current sections, and nothing cut off
 * at the default size.
 */
class MainWindowShellTest extends WindowTest {
    private Stage stage;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        open(stage);
    }

    @Test
    void theSidebarAndCtrlDigitsShowEachSection(FxRobot robot) {
        assertThat(window.section()).isEqualTo(Section.APPS);
        robot.clickOn("#nav-settings");
        assertThat(window.section()).isEqualTo(Section.SETTINGS);
        assertThat(robot.lookup("#settings-view").queryAs(Node.class).isVisible()).isTrue();
        assertThat(robot.lookup("#apps-view").queryAs(Node.class).isVisible()).isFalse();
        assertThat(robot.lookup("#section-title").queryAs(Labeled.class).getText()).isEqualTo("Settings");
        robot.clickOn("#nav-settings"); // the chosen section stays chosen
        assertThat(window.section()).isEqualTo(Section.SETTINGS);
        for (Section s : Section.values()) {
            robot.push(KeyCode.CONTROL, KeyCode.valueOf("DIGIT" + s.digit()));
            assertThat(window.section()).isEqualTo(s);
            assertThat(robot.lookup("#section-title").queryAs(Labeled.class).getText()).isEqualTo(s.title());
        }
    }

    @Test
    void draggingFilesOverTheWindowNamesTheTargetUntilTheDragLeaves(FxRobot robot) throws Exception {
        File folder = site("dragged", "<p>dragged</p>", null).toFile();
        assertThat(window.overlay().isVisible()).isFalse();
        robot.interact(() -> window.fireEvent(Drags.of(DragEvent.DRAG_ENTERED, List.of(folder))));
        assertThat(window.overlay().isVisible()).isTrue();
        assertThat(robot.lookup("#drop-overlay-target").queryAs(Labeled.class).getText()).isEqualTo("Publish to this computer");
        robot.interact(() -> window.fireEvent(Drags.of(DragEvent.DRAG_EXITED, List.of(folder))));
        assertThat(window.overlay().isVisible()).isFalse();
        // text is not something to publish: no overlay
        robot.interact(() -> window.fireEvent(Drags.of(DragEvent.DRAG_ENTERED, List.of())));
        assertThat(window.overlay().isVisible()).isFalse();
        // dropped: the overlay goes and the folder is published
        robot.interact(() -> window.fireEvent(Drags.of(DragEvent.DRAG_ENTERED, List.of(folder))));
        robot.interact(() -> window.fireEvent(Drags.of(DragEvent.DRAG_DROPPED, List.of(folder))));
        assertThat(window.overlay().isVisible()).isFalse();
        waitFor(() -> appsMessage(robot).startsWith("Published dragged version 1"));
        assertThat(get("dragged.localhost", "/").body()).isEqualTo("<p>dragged</p>");
    }

    @Test
    void ctrlOPublishesTheChosenFolder(FxRobot robot) throws Exception {
        Path folder = site("chosen", "<p>chosen</p>", null);
        AtomicReference<Window> askedOver = new AtomicReference<>();
        window.chooseFoldersWith(owner -> {
            askedOver.set(owner);
            return folder.toFile();
        });
        robot.clickOn("#nav-logs");
        robot.push(KeyCode.CONTROL, KeyCode.O);
        waitFor(() -> appsMessage(robot).startsWith("Published chosen version 1"));
        assertThat(askedOver.get()).isSameAs(stage);
        assertThat(window.section()).isEqualTo(Section.APPS);
        assertThat(get("chosen.localhost", "/").body()).isEqualTo("<p>chosen</p>");
        // a chooser closed without a folder publishes nothing
        List<String> before = session.localNode().apps().stream().map(a -> a.name()).toList();
        window.chooseFoldersWith(owner -> null);
        robot.interact(() -> robot.lookup("#top-publish").queryButton().fire());
        assertThat(session.localNode().apps()).extracting(a -> a.name()).containsExactlyElementsOf(before);
    }

    @Test
    void ctrlNAsksForANewApp(FxRobot robot) throws Exception {
        robot.clickOn("#nav-peers");
        robot.push(KeyCode.CONTROL, KeyCode.N);
        waitFor(() -> robot.lookup("#new-app-dialog").tryQuery().isPresent());
        assertThat(window.section()).isEqualTo(Section.APPS);
        robot.clickOn("#new-app-name").write("shortcut");
        DialogPane dialog = robot.lookup("#new-app-dialog").queryAs(DialogPane.class);
        robot.clickOn(dialog.lookupButton(dialog.getButtonTypes().stream().filter(b -> b != ButtonType.CANCEL).findFirst().orElseThrow()));
        waitFor(() -> appsMessage(robot).startsWith("Created shortcut"));
        assertThat(get("shortcut.localhost", "/").statusCode()).isEqualTo(200);
    }

    @Test
    void ctrlFGoesToTheAppsSearch(FxRobot robot) {
        robot.clickOn("#nav-logs");
        robot.push(KeyCode.CONTROL, KeyCode.F);
        assertThat(window.section()).isEqualTo(Section.APPS);
        assertThat(robot.lookup("#apps-search").queryAs(Node.class).isFocused()).isTrue();
    }

    @Test
    void aDeployMadeThroughTheEngineShowsWithoutRefresh(FxRobot robot) throws Exception {
        waitFor(window::following);
        DeployInput input = DeployInput.of(site("from-terminal", "<p>t</p>", null), "from-terminal", false);
        session.localNode().deploy(input.appName(), input.zip(), null, sent -> {}); // as `fazt app deploy` does, not through the window
        waitFor(() -> window.apps().list().getItems().stream().anyMatch(a -> a.name().equals("from-terminal")));
        session.localNode().setAlias("site", "app", "from-terminal");
        waitFor(() -> window.aliases().table().getItems().stream().anyMatch(a -> a.subdomain().equals("site")));
        session.localNode().removeApp("from-terminal");
        waitFor(() -> window.apps().list().getItems().stream().noneMatch(a -> a.name().equals("from-terminal")));
    }

    @Test
    void nothingInTheStatusBarOrTopBarIsCutOffAtTheDefaultSize(FxRobot robot) throws Exception {
        robot.interact(() -> {
            stage.setWidth(MainWindow.DEFAULT_WIDTH);
            stage.setHeight(MainWindow.DEFAULT_HEIGHT);
        });
        waitFor(() -> !robot.lookup("#status-engine").queryAs(Labeled.class).getText().endsWith("…"));
        robot.interact(() -> {});
        List<Labeled> labels = new java.util.ArrayList<>();
        for (String bar : List.of("#status-bar", "#top-bar")) collectVisibleLabeled(robot.lookup(bar).queryAs(Parent.class), labels);
        assertThat(labels).extracting(Node::getId).contains("status-urls", "status-engine", "status-state", "pause-button",
                "section-title", "instance-switcher", "top-new-app", "top-publish");
        for (Labeled l : labels) {
            assertThat(l.isTextTruncated()).as("%s '%s' at %.0f px", l.getId(), l.getText(), l.getWidth()).isFalse();
        }
    }

    private static void collectVisibleLabeled(Parent parent, List<Labeled> into) {
        for (Node n : parent.getChildrenUnmodifiable()) {
            if (!n.isVisible()) continue;
            if (n instanceof Labeled l) into.add(l);
            else if (n instanceof Parent p) collectVisibleLabeled(p, into);
        }
    }

    @Test
    void analyticsShowsTheWholeInstancesVisits(FxRobot robot) throws Exception {
        drop(robot, site("counted", "<h1>c</h1>", null));
        waitFor(() -> appsMessage(robot).startsWith("Published counted"));
        for (int i = 0; i < 3; i++) get("counted.localhost", "/");
        session.fazt().analytics().events().flush();
        robot.clickOn("#nav-analytics");
        waitFor(() -> window.analytics().totals().getText().startsWith("Pageviews: 3 today"));
        waitFor(() -> window.analytics().chart().pageviewCounts().stream().mapToLong(Long::longValue).sum() == 3);
    }
}
