package fazt.desktop.views;

import atlantafx.base.theme.Styles;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The note after a deploy, over the bottom of the Apps view: what was published, its address
 * (a link) and, when there was an earlier version, Undo, which makes that version active again.
 * It goes away by itself after {@link #SHOWN} unless the pointer rests on it, when closed, or when
 * the next deploy replaces it.
 */
final class DeployToast extends HBox {
    static final Duration SHOWN = Duration.seconds(20);

    private final Label text = new Label();
    private final Hyperlink link = new Hyperlink();
    private final Button undo = new Button("Undo");
    private final PauseTransition timer = new PauseTransition(SHOWN);

    DeployToast(java.util.function.Consumer<String> open) {
        setId("deploy-toast");
        getStyleClass().add("deploy-toast");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(8);
        setMaxWidth(USE_PREF_SIZE);
        setMaxHeight(USE_PREF_SIZE);
        text.setId("deploy-toast-text");
        text.setGraphic(new FontIcon(Feather.CHECK_CIRCLE));
        link.setId("deploy-toast-url");
        link.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        link.setMaxWidth(360);
        link.setOnAction(e -> open.accept(link.getText()));
        undo.setId("deploy-toast-undo");
        undo.getStyleClass().add(Styles.ACCENT);
        Button close = new Button(null, new FontIcon(Feather.X));
        close.setId("deploy-toast-close");
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        close.setTooltip(new Tooltip("Close"));
        close.setAccessibleText("Close");
        close.setOnAction(e -> hide());
        getChildren().addAll(text, link, undo, close);
        timer.setOnFinished(e -> hide());
        setOnMouseEntered(e -> timer.stop());
        setOnMouseExited(e -> timer.playFromStart());
        hide();
    }

    /** Shows {@code message} and {@code url}; {@code undo} null means there is nothing to undo (a first deploy). */
    void show(String message, String url, Runnable undoAction) {
        text.setText(message);
        link.setText(url);
        link.setTooltip(new Tooltip(url));
        undo.setVisible(undoAction != null);
        undo.setManaged(undoAction != null);
        undo.setOnAction(e -> {
            hide();
            if (undoAction != null) undoAction.run();
        });
        setVisible(true);
        setManaged(true);
        timer.playFromStart();
    }

    void hide() {
        timer.stop();
        setVisible(false);
    }

    Button undoButton() {
        return undo;
    }

    String message() {
        return text.getText();
    }
}
