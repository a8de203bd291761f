package fazt.desktop;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A test of the real window ({@link WindowUnderTest}), closed after each test. TestFX looks for
 * {@code @Start} only among the test class's own methods, so each test class declares one that
 * calls {@link #open}.
 */
@ExtendWith(ApplicationExtension.class)
public abstract class WindowTest {
    protected WindowUnderTest ui;
    protected Path dir;
    protected DesktopSession session;
    protected MainWindow window;

    protected void open(Stage stage) throws IOException {
        open(stage, Map.of());
    }

    /** Opens the window over an instance whose data.db holds {@code settings} ({@code https} …) from an earlier run. */
    protected void open(Stage stage, Map<String, String> settings) throws IOException {
        ui = new WindowUnderTest(stage, settings);
        dir = ui.dir();
        session = ui.session();
        window = ui.window();
    }

    @AfterEach
    void stop() throws IOException {
        ui.close();
    }

    protected Path site(String name, String index, String mainJs) throws IOException {
        return ui.site(name, index, mainJs);
    }

    protected HttpResponse<String> get(String host, String path) throws Exception {
        return ui.get(host, path);
    }

    protected void drop(FxRobot robot, Path... paths) {
        ui.drop(robot, paths);
    }
}
