package fazt.desktop.views;

import fazt.core.logs.LogLine;
import fazt.core.logs.LogStream;
import fazt.desktop.DesktopSession;
import fazt.desktop.Jobs;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Logs (SPEC §4.4, §11): function log lines of every app, live, filtered by app and level and by
 * a search, with pause and copy. Keeps the newest {@value #KEEP} lines.
 */
public final class LogsView extends VBox {
    static final int KEEP = 5000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final List<String> LEVELS = List.of("debug", "info", "warn", "error");

    private final ObservableList<LogLine> lines = FXCollections.observableArrayList();
    private final FilteredList<LogLine> shown = new FilteredList<>(lines);
    private final ListView<LogLine> list = new ListView<>(shown);
    private final TextField app = new TextField();
    private final ChoiceBox<String> level = new ChoiceBox<>();
    private final TextField search = new TextField();
    private final CheckBox pause = new CheckBox("Pause");
    private final List<LogLine> held = new ArrayList<>();
    private final Label status = new Label();
    private final DesktopSession session;
    private LogStream stream;
    private int generation;

    public LogsView(DesktopSession session) {
        this.session = session;
        setId("logs-view");
        setSpacing(6);
        setPadding(new Insets(8));
        app.setId("logs-app");
        app.setPromptText("all apps");
        level.setId("logs-level");
        level.getItems().addAll(LEVELS);
        level.setValue("debug");
        search.setId("logs-search");
        search.setPromptText("search");
        pause.setId("logs-pause");
        list.setId("logs-list");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(LogLine l, boolean empty) {
                super.updateItem(l, empty);
                setText(empty || l == null ? null : format(l));
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        app.textProperty().addListener((o, a, b) -> refilter());
        level.valueProperty().addListener((o, a, b) -> refilter());
        search.textProperty().addListener((o, a, b) -> refilter());
        pause.selectedProperty().addListener((o, was, now) -> {
            if (!now) flushHeld();
        });
        HBox bar = new HBox(8, new Label("App"), app, new Label("Level"), level, search, pause,
                Buttons.of("Copy", "logs-copy", this::copy), Buttons.of("Clear", "logs-clear", lines::clear), status);
        getChildren().addAll(bar, list);
        sceneProperty().addListener((o, was, now) -> {
            if (now == null && stream != null) closeQuietly(stream);
        });
        start();
    }

    /**
     * The stream replays the newest lines first, then follows; it ends when the view leaves its
     * window, or when {@link #restart} replaces it. Lines of a replaced stream are dropped.
     */
    private void start() {
        int mine = ++generation;
        Jobs.run(() -> session.node().streamLogs(null, null, l -> Jobs.fx(() -> {
            if (mine == generation) add(l);
        })), opened -> {
            if (mine != generation || getScene() == null) closeQuietly(opened);
            else stream = opened;
        }, status::setText);
    }

    /** Follows the logs of the node the session manages now (after it changed), from a clear list. */
    public void restart() {
        if (stream != null) closeQuietly(stream);
        stream = null;
        lines.clear();
        held.clear();
        status.setText("");
        start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // the stream is going away anyway
        }
    }

    private void add(LogLine l) {
        if (pause.isSelected()) {
            held.add(l);
            status.setText(held.size() + " new while paused");
            return;
        }
        lines.add(l);
        if (lines.size() > KEEP) lines.remove(0, lines.size() - KEEP);
        list.scrollTo(shown.size() - 1);
    }

    private void flushHeld() {
        List<LogLine> copy = new ArrayList<>(held);
        held.clear();
        status.setText("");
        copy.forEach(this::add);
    }

    private void refilter() {
        String a = app.getText().trim();
        int min = LEVELS.indexOf(level.getValue());
        String q = search.getText().trim().toLowerCase(Locale.ROOT);
        shown.setPredicate(l -> (a.isEmpty() || a.equals(l.app()))
                && LEVELS.indexOf(l.level()) >= min
                && (q.isEmpty() || l.message().toLowerCase(Locale.ROOT).contains(q)));
    }

    private void copy() {
        List<LogLine> chosen = list.getSelectionModel().getSelectedItems();
        List<LogLine> source = chosen.isEmpty() ? shown : chosen;
        ClipboardContent c = new ClipboardContent();
        c.putString(String.join("\n", source.stream().map(LogsView::format).toList()));
        Clipboard.getSystemClipboard().setContent(c);
        status.setText(source.size() + " lines copied");
    }

    static String format(LogLine l) {
        return TIME.format(Instant.ofEpochMilli(l.time())) + "  " + l.level().toUpperCase(Locale.ROOT) + "  " + l.app()
                + " v" + l.version() + "  " + l.message();
    }

    /** The lines the filters let through, as shown. */
    public List<String> shownText() {
        return shown.stream().map(LogsView::format).toList();
    }

    public void filter(String appName, String minLevel, String text) {
        app.setText(appName == null ? "" : appName);
        level.setValue(minLevel);
        search.setText(text == null ? "" : text);
    }
}
