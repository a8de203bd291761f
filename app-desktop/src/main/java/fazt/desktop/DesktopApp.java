package fazt.desktop;

import java.lang.management.ManagementFactory;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: one {@link MainWindow}, and the tray where the desktop has one.
 * Closing the window keeps fazt running in the tray; without a tray it quits.
 */
public final class DesktopApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(DesktopApp.class);
    private static DesktopSession session;
    private static boolean startMinimized;

    /** Runs the desktop until Quit; closes the session at the end. */
    static void run(DesktopSession s, boolean minimized) {
        session = s;
        startMinimized = minimized;
        try {
            Application.launch(DesktopApp.class);
        } finally {
            s.close();
        }
    }

    @Override
    public void start(Stage stage) {
        Tray tray = Tray.install(session, stage);
        MainWindow window = new MainWindow(session, tray.supported());
        stage.setTitle("fazt");
        session.onManagedChange(() -> stage.setTitle(session.managedPeer() == null ? "fazt" : "fazt — managing " + session.managedLabel()));
        stage.setScene(new Scene(window, MainWindow.DEFAULT_WIDTH, MainWindow.DEFAULT_HEIGHT));
        stage.getIcons().add(Icons.fx());
        session.server().onFocusRequest(() -> Platform.runLater(() -> MainWindow.bringToFront(stage)));
        Platform.setImplicitExit(!tray.supported());
        if (!startMinimized || !tray.supported()) {
            stage.setOnShown(e -> log.info("window shown {} ms after the JVM started",
                    ManagementFactory.getRuntimeMXBean().getUptime()));
            stage.show();
        }
        if (session.firstRun() || session.generatedPassword().isPresent()) {
            Platform.runLater(() -> {
                Welcome.show(stage, session);
                session.welcomed();
            });
        }
    }
}
