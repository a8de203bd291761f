package fazt.desktop;

import fazt.core.identity.Owner;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The first-run dialog: where the data lives, where fazt answers, how to publish a folder, and,
 * when this start generated it, the owner's password with a button to copy it (it is shown
 * only here, once).
 */
final class Welcome {
    private Welcome() {}

    static void show(Stage owner, DesktopSession session) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.OK);
        a.initOwner(owner);
        a.setTitle("Welcome to fazt");
        a.setHeaderText("fazt is running on this computer");
        Label text = new Label("Your data: " + session.dataPath() + "\n\n"
                + "fazt answers at " + String.join(", ", session.urls()) + "\n\n"
                + "To publish a website, drop its folder (or a .zip) anywhere on this window. It then opens at "
                + session.localAppUrl("<name>") + ".\n\n"
                + "Closing the window keeps fazt running in the tray (where your desktop has one).");
        text.setWrapText(true);
        VBox content = new VBox(12, text);
        session.generatedPassword().ifPresent(password -> content.getChildren().add(passwordRow(password)));
        a.getDialogPane().setContent(content);
        a.getDialogPane().setId("welcome");
        a.show();
    }

    private static VBox passwordRow(String password) {
        Label what = new Label("Sign-in for the dashboard and remote tools: username \"" + Owner.DEFAULT_USERNAME + "\" and this password. "
                + "It is shown only now; change it with 'fazt server set-credentials'.");
        what.setWrapText(true);
        TextField field = new TextField(password);
        field.setEditable(false);
        field.setId("owner-password");
        HBox.setHgrow(field, Priority.ALWAYS);
        Button copy = new Button("Copy");
        copy.setId("copy-password");
        copy.setOnAction(e -> {
            ClipboardContent clip = new ClipboardContent();
            clip.putString(password);
            Clipboard.getSystemClipboard().setContent(clip);
            copy.setText("Copied");
        });
        return new VBox(6, what, new HBox(8, field, copy));
    }
}
