package fazt.desktop;

import fazt.desktop.shell.DesktopPrefs;
import fazt.desktop.shell.Theme;
import fazt.desktop.shell.WindowPlacement;
import java.lang.management.ManagementFactory;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: one {@link MainWindow}, and the tray where the desktop has one.
 * Closing the window keeps fazt running in the tray; without a tray it asks once whether to keep
 * serving in the background or quit ({@link WindowClosing}). Deploys while the window is hidden
 * are notified ({@link DeployNotices}).
 *
 * <p>The window shows first, in its starting state, while the engine and the server open on
 * another thread; it becomes the {@link MainWindow} once they are ready. Where they fail to
 * open, the window closes and {@link #run} throws what they threw, as the terminal expects.
 */
public final class DesktopApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(DesktopApp.class);
    private static Supplier<DesktopSession> opener;
    private static Consumer<DesktopSession> onReady;
    private static boolean startMinimized;
    private static volatile RuntimeException failure;
    private static volatile DesktopSession session;
    private static volatile boolean stopped;

    /**
     * Runs the desktop until Quit: {@code open} makes the session (off the FX thread),
     * {@code ready} is told of it once it serves; closes the session at the end.
     */
    static void run(Supplier<DesktopSession> open, Consumer<DesktopSession> ready, boolean minimized) {
        opener = open;
        onReady = ready;
        startMinimized = minimized;
        try {
            Application.launch(DesktopApp.class);
        } finally {
            closeSession();
        }
        if (failure != null) throw failure;
    }

    /** Closes the session once: at Quit, or when it finishes opening after Quit. */
    private static synchronized void closeSession() {
        stopped = true;
        if (session != null) session.close();
    }

    private static synchronized boolean keep(DesktopSession opened) {
        if (stopped) return false;
        session = opened;
        return true;
    }

    @Override
    public void start(Stage stage) {
        begin(stage, opener, onReady, startMinimized, e -> {
            failure = e;
            Platform.exit();
        });
    }

    /**
     * Shows {@code stage} in its starting state (unless {@code minimized}: then it waits for the
     * tray to be known) and opens the session on a thread of its own: once it serves, {@code opened}
     * is told of it there and the window becomes the {@link MainWindow}; where it fails,
     * {@code failed} gets the exception. On the FX thread.
     */
    static void begin(Stage stage, Supplier<DesktopSession> open, Consumer<DesktopSession> opened, boolean minimized,
            Consumer<RuntimeException> failed) {
        begin(stage, open, opened, minimized, failed, DesktopPrefs.user());
    }

    /** As above, with the person's preferences {@code prefs} (theme, where the window was); tests give their own. */
    static void begin(Stage stage, Supplier<DesktopSession> open, Consumer<DesktopSession> opened, boolean minimized,
            Consumer<RuntimeException> failed, DesktopPrefs prefs) {
        stage.setTitle("fazt");
        stage.getIcons().add(Icons.fx());
        Theme.applyAndFollow(prefs); // before the first frame, so the starting view has the theme too
        stage.setScene(new Scene(new StartingView(), MainWindow.DEFAULT_WIDTH, MainWindow.DEFAULT_HEIGHT));
        WindowPlacement.restore(stage, prefs);
        WindowPlacement.remember(stage, prefs);
        stage.setOnShown(e -> log.info("window shown {} ms after the JVM started",
                ManagementFactory.getRuntimeMXBean().getUptime()));
        if (!minimized) stage.show();
        Thread.ofPlatform().name("fazt-desktop-open").start(() -> {
            DesktopSession s;
            try {
                s = open.get();
            } catch (RuntimeException e) {
                failed.accept(e);
                return;
            }
            if (!keep(s)) {
                s.close();
                return;
            }
            // a second launch while the window is still starting brings it forward too (not "without a window")
            s.server().onFocusRequest(() -> Platform.runLater(() -> MainWindow.bringToFront(stage)));
            opened.accept(s);
            Jobs.fx(() -> ready(stage, s, minimized, prefs));
        });
    }

    /** The node is up: the window becomes the {@link MainWindow}, with the tray beside it. On the FX thread. */
    private static void ready(Stage stage, DesktopSession s, boolean minimized, DesktopPrefs prefs) {
        Tray tray = Tray.install(s, stage, Platform::exit);
        Notifier notifier = SystemNotifiers.choose(tray.icon(), System.getProperty("os.name", ""), System.getenv("PATH"));
        MainWindow window = new MainWindow(s, tray.supported(), prefs);
        s.onManagedChange(() -> stage.setTitle(s.managedPeer() == null ? "fazt" : "fazt — managing " + s.managedLabel()));
        stage.getScene().setRoot(window);
        WindowClosing.install(stage, s, tray.supported(), notifier, Platform::exit);
        DeployNotices.watch(stage, s, notifier);
        if (minimized && !tray.supported()) stage.show();
        log.info("local node ready {} ms after the JVM started", ManagementFactory.getRuntimeMXBean().getUptime());
        if (s.firstRun() || s.generatedPassword().isPresent()) {
            Platform.runLater(() -> {
                Welcome.show(stage, s);
                s.welcomed();
            });
        }
        // after the first frame: if an app has functions, the JS engine is built now, not on their first request
        Platform.runLater(() -> s.fazt().prepareFunctionsInBackground());
    }
}
