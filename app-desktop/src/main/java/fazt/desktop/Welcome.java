package fazt.desktop;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;

/** The first-run dialog: where the data lives, where fazt answers, and how to publish a folder. */
final class Welcome {
    private Welcome() {}

    static void show(Stage owner, DesktopSession session) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.OK);
        a.initOwner(owner);
        a.setTitle("Welcome to fazt");
        a.setHeaderText("fazt is running on this computer");
        a.setContentText("Your data: " + session.fazt().dataFile() + "\n\n"
                + "fazt answers at " + String.join(", ", session.urls()) + "\n\n"
                + "To publish a website, drop its folder (or a .zip) anywhere on this window. It then opens at "
                + session.localAppUrl("<name>") + ".\n\n"
                + "Closing the window keeps fazt running in the tray (where your desktop has one).");
        a.getDialogPane().setId("welcome");
        a.show();
    }
}
