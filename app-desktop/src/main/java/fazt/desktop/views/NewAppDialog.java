package fazt.desktop.views;

import fazt.core.templates.Templates;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** "New app…": a name and one of the shipped templates; the app is created from them by the caller. */
public final class NewAppDialog {
    /** What the person chose. */
    public record Choice(String name, String template) {}

    static final ButtonType CREATE = new ButtonType("Create", ButtonBar.ButtonData.OK_DONE);

    private NewAppDialog() {}

    public static Optional<Choice> ask(Window owner, String where) {
        Dialog<Choice> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("New app");
        dialog.setHeaderText("A new app on " + where + ", from a template");
        dialog.getDialogPane().setId("new-app-dialog");
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, CREATE);

        TextField name = new TextField();
        name.setId("new-app-name");
        name.setPromptText("my-app");
        ComboBox<Templates.Template> template = new ComboBox<>();
        template.setId("new-app-template");
        template.getItems().setAll(Templates.all());
        template.getSelectionModel().select(0);
        template.setConverter(new StringConverter<>() {
            @Override
            public String toString(Templates.Template t) {
                return t == null ? "" : t.name() + " — " + t.description();
            }

            @Override
            public Templates.Template fromString(String s) {
                return null;
            }
        });
        GridPane grid = new GridPane(8, 8);
        grid.setPadding(new Insets(8));
        grid.addRow(0, new Label("Name"), name);
        grid.addRow(1, new Label("Template"), template);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().lookupButton(CREATE).disableProperty().bind(name.textProperty().isEmpty());
        dialog.setOnShown(e -> name.requestFocus());
        dialog.setResultConverter(b -> b == CREATE
                ? new Choice(name.getText().trim(), template.getSelectionModel().getSelectedItem().name()) : null);
        return dialog.showAndWait();
    }
}
