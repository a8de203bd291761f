package fazt.desktop.views;

import fazt.core.logs.LogLine;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.text.Text;

/**
 * One log line: its text in the colour of its level (style class {@code log-LEVEL}, coloured by
 * the theme) and, when the line came from a request, the request id as a link that shows only
 * that request's lines.
 */
final class LogCell extends ListCell<LogLine> {
    private static final List<String> LEVEL_CLASSES = List.of("log-debug", "log-info", "log-warn", "log-error");

    private final Consumer<String> onRequest;

    LogCell(Consumer<String> onRequest) {
        this.onRequest = onRequest;
        getStyleClass().add("log-line");
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
    }

    @Override
    protected void updateItem(LogLine l, boolean empty) {
        super.updateItem(l, empty);
        getStyleClass().removeAll(LEVEL_CLASSES);
        setText(null);
        if (empty || l == null) {
            setGraphic(null);
            return;
        }
        getStyleClass().add("log-" + l.level());
        Text text = new Text(LogsView.format(l));
        text.getStyleClass().add("log-text");
        HBox row = new HBox(6, text);
        row.setAlignment(Pos.CENTER_LEFT);
        if (l.requestId() != null && !l.requestId().isBlank()) {
            Hyperlink request = new Hyperlink("req " + l.requestId());
            request.getStyleClass().add("log-request");
            request.setUserData(l.requestId());
            request.setTooltip(new Tooltip("Show only the lines of request " + l.requestId()));
            request.setOnAction(e -> onRequest.accept(l.requestId()));
            row.getChildren().add(request);
        }
        setGraphic(row);
    }
}
