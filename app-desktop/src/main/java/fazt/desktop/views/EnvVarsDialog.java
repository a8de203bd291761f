package fazt.desktop.views;

import fazt.core.Node;
import fazt.desktop.Jobs;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * An app's environment variables (SPEC §4.2) on the node managed when the dialog was opened:
 * the list, a key and value to set (a new one, or over an existing one) and removal of the one
 * selected. The engine checks keys and values; what it refuses shows in the dialog.
 */
final class EnvVarsDialog extends Dialog<Void> {
    private final Node node;
    private final String app;
    private final ListView<Map.Entry<String, String>> list = new ListView<>();
    private final TextField key = new TextField();
    private final TextField value = new TextField();
    private final Label status = new Label();

    EnvVarsDialog(Window owner, Node node, String app, String where) {
        this.node = node;
        this.app = app;
        initOwner(owner);
        setTitle("Environment variables");
        setHeaderText("Environment variables of " + app + " on " + where);
        getDialogPane().setId("env-dialog");
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        list.setId("env-list");
        list.setPrefHeight(180);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Map.Entry<String, String> e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : e.getKey() + " = " + e.getValue());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                key.setText(now.getKey());
                value.setText(now.getValue());
            }
        });
        key.setId("env-key");
        key.setPromptText("API_KEY");
        value.setId("env-value");
        value.setPromptText("value");
        HBox.setHgrow(value, Priority.ALWAYS);
        Button set = Buttons.of("Set", "env-set", this::set);
        set.disableProperty().bind(key.textProperty().isEmpty());
        Button remove = Buttons.of("Remove", "env-remove", this::remove);
        remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        status.setId("env-status");
        status.setWrapText(true);
        VBox content = new VBox(8, list, new HBox(8, key, value, set, remove), status);
        content.setPadding(new Insets(8));
        content.setPrefWidth(520);
        getDialogPane().setContent(content);
        load();
    }

    private void load() {
        Jobs.run(() -> node.envVars(app), vars -> list.getItems().setAll(vars.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList()), this::fail);
    }

    private void set() {
        String k = key.getText().trim();
        String v = value.getText();
        Jobs.run(() -> {
            node.setEnvVar(app, k, v);
            return k;
        }, done -> {
            ok(done + " set.");
            load();
        }, this::fail);
    }

    private void remove() {
        Map.Entry<String, String> chosen = list.getSelectionModel().getSelectedItem();
        if (chosen == null) return;
        Jobs.run(() -> {
            node.removeEnvVar(app, chosen.getKey());
            return chosen.getKey();
        }, done -> {
            ok(done + " removed.");
            key.clear();
            value.clear();
            load();
        }, this::fail);
    }

    private void ok(String m) {
        status.getStyleClass().remove("error");
        status.setText(m);
    }

    private void fail(String m) {
        if (!status.getStyleClass().contains("error")) status.getStyleClass().add("error");
        status.setText(m);
    }
}
