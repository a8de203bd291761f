package fazt.desktop;

import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;

/**
 * What closing the window does, and how it comes back. With a tray, closing hides the window
 * and fazt keeps serving (the tray opens it again). Without one (GNOME without the AppIndicator
 * extension), the first close asks "Keep serving in the background" or "Quit", and the answer is
 * remembered in the {@value #SETTING} setting ({@code ask}, {@code background}, {@code quit}).
 * Either way, {@code fazt} launched again on the same data.db brings the window back
 * ({@code POST /api/system/focus}, see {@link DesktopLauncher}).
 */
final class WindowClosing {
    static final String SETTING = "desktop_on_close";
    static final String KEEP_SERVING = "Keep serving in the background";
    static final String QUIT = "Quit";

    private WindowClosing() {}

    /**
     * Handles {@code stage}'s close requests and the second launch's focus requests; {@code notifier}
     * says where the window went when it goes to the background, {@code quit} ends the desktop.
     * On the FX thread. Returns what stops handling the close requests.
     */
    static Runnable install(Stage stage, DesktopSession session, boolean hasTray, Notifier notifier, Runnable quit) {
        session.server().onFocusRequest(() -> Platform.runLater(() -> MainWindow.bringToFront(stage)));
        if (hasTray) {
            Platform.setImplicitExit(false); // the default close hides the window; fazt stays in the tray
            return () -> { };
        }
        // the stage's one close handler: installing again (a test's stage outlives its window) replaces it
        stage.setOnCloseRequest(e -> {
            e.consume();
            switch (session.fazt().config().get(SETTING)) {
                case "background" -> toBackground(stage, notifier);
                case "quit" -> quit.run();
                default -> ask(stage, session, notifier, quit);
            }
        });
        return () -> stage.setOnCloseRequest(null);
    }

    private static void toBackground(Stage stage, Notifier notifier) {
        Platform.setImplicitExit(false);
        stage.hide();
        notifier.show("fazt keeps serving", "Your apps stay online. Run fazt again to open the window.", false);
    }

    /** Asks once; the answer is stored and done. Cancel (or Esc) leaves the window open and asks again next time. */
    private static void ask(Stage stage, DesktopSession session, Notifier notifier, Runnable quit) {
        ButtonType keep = new ButtonType(KEEP_SERVING, ButtonBar.ButtonData.OK_DONE);
        ButtonType end = new ButtonType(QUIT, ButtonBar.ButtonData.OTHER);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", keep, end, ButtonType.CANCEL);
        a.initOwner(stage);
        a.setTitle("Close fazt");
        a.setHeaderText("This desktop has no tray for fazt to stay in");
        a.setContentText("Keep serving your apps in the background? Run fazt again to bring this window back. "
                + "Your choice is remembered (the " + SETTING + " setting; 'fazt server set-config --desktop-on-close ask' asks again).");
        a.getDialogPane().setId("close-choice");
        a.setOnHidden(e -> answered(Optional.ofNullable(a.getResult()), keep, end, stage, session, notifier, quit));
        a.show();
    }

    private static void answered(Optional<ButtonType> answer, ButtonType keep, ButtonType end, Stage stage, DesktopSession session,
            Notifier notifier, Runnable quit) {
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) return;
        boolean background = answer.get() == keep;
        session.localNode().setConfig(SETTING, background ? "background" : "quit");
        if (background) toBackground(stage, notifier);
        else if (answer.get() == end) quit.run();
    }
}
