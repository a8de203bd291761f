package fazt.desktop.views;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * What the Apps view shows while the managed node has no app: a large drop area (the whole
 * window takes the drop) that says where a dropped folder goes, "New app from a template…" and
 * "Choose a folder…" for those who prefer not to drag.
 */
final class EmptyApps extends VBox {
    private final Label where = new Label();

    EmptyApps(Runnable newFromTemplate, Runnable chooseFolder) {
        setId("apps-empty");
        getStyleClass().add("apps-empty");
        setAlignment(Pos.CENTER);
        setSpacing(12);
        FontIcon icon = new FontIcon(Feather.UPLOAD_CLOUD);
        icon.getStyleClass().add("apps-empty-icon");
        Label title = new Label("Drop a folder here");
        title.getStyleClass().add(Styles.TITLE_2);
        where.setId("apps-empty-where");
        where.getStyleClass().add(Styles.TEXT_MUTED);
        where.setWrapText(true);
        Button template = Buttons.of("New app from a template…", "empty-new-app", newFromTemplate);
        template.getStyleClass().add(Styles.ACCENT);
        Button choose = Buttons.of("Choose a folder…", "empty-choose-folder", chooseFolder);
        HBox buttons = new HBox(8, template, choose);
        buttons.setAlignment(Pos.CENTER);
        getChildren().addAll(icon, title, where, buttons);
    }

    /** Names where a drop goes: "This computer" or "peer NAME". */
    void target(String label) {
        where.setText("A folder or a .zip dropped anywhere on this window is published to " + label + ".");
    }
}
