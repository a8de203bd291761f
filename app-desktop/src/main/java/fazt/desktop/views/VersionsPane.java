package fazt.desktop.views;

import fazt.core.apps.VersionInfo;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

/** The kept versions of the selected app, with a button to make one active. */
final class VersionsPane extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    /** What the Rollback button asks for. */
    interface Rollback {
        void to(String app, int version);
    }

    private final Label title = new Label("Versions");
    private final ListView<VersionInfo> list = new ListView<>();
    private String app;

    VersionsPane(Rollback rollback) {
        setId("versions-pane");
        setSpacing(6);
        setPrefWidth(240);
        list.setId("versions-list");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(VersionInfo item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : "v" + item.version() + "  " + TIME.format(Instant.ofEpochMilli(item.createdAt()))
                        + (item.active() ? "  (active)" : ""));
            }
        });
        Button activate = Buttons.of("Roll back to this version", "rollback-button", () -> {
            VersionInfo v = list.getSelectionModel().getSelectedItem();
            if (app != null && v != null && !v.active()) rollback.to(app, v.version());
        });
        getChildren().addAll(title, list, activate);
    }

    void show(String appName, List<VersionInfo> versions) {
        app = appName;
        title.setText(appName == null ? "Versions" : "Versions of " + appName);
        list.getItems().setAll(versions);
    }
}
