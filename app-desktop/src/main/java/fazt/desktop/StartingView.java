package fazt.desktop;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;

/** What the window shows while the engine and the server open: a spinner and one line. */
final class StartingView extends VBox {
    StartingView() {
        setId("starting");
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(48, 48);
        Label text = new Label("Starting fazt…");
        text.setId("starting-text");
        setAlignment(Pos.CENTER);
        setSpacing(12);
        getChildren().addAll(spinner, text);
    }
}
