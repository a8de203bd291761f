package fazt.desktop.shell;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Covers the whole window while something is dragged over it, naming where a drop publishes
 * ("Publish to this computer", "Publish to peer home"). It never takes the drop itself: the
 * window below does.
 */
public final class DropOverlay extends StackPane {
    private final Label target = new Label();

    public DropOverlay() {
        setId("drop-overlay");
        getStyleClass().add("drop-overlay");
        setMouseTransparent(true);
        setVisible(false);
        target.setId("drop-overlay-target");
        target.getStyleClass().add(Styles.TITLE_2);
        target.setWrapText(true);
        Label hint = new Label("Drop a folder or a .zip: it becomes an app, or a new version of one.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);
        FontIcon icon = new FontIcon(Feather.UPLOAD_CLOUD);
        icon.getStyleClass().add("drop-overlay-icon");
        VBox card = new VBox(12, icon, target, hint);
        card.setAlignment(Pos.CENTER);
        card.getStyleClass().add("drop-overlay-card");
        card.setMaxSize(520, 260);
        getChildren().add(card);
    }

    /** Shows the overlay naming {@code where}, as the window's sentence for the managed node. */
    public void show(String where) {
        target.setText(where);
        setVisible(true);
    }

    public void hide() {
        setVisible(false);
    }

    /** What the overlay says a drop does, while it shows. */
    public String targetText() {
        return target.getText();
    }

    /** The sentence for a drop on {@code peer} (null for this computer). */
    public static String sentence(String peer) {
        return peer == null ? "Publish to this computer" : "Publish to peer " + peer;
    }
}
