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
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
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
 * a search, with pause, copy and a follow toggle (keep the newest line in view, or stay where the
 * person scrolled to). Each level has its colour; a line's request id filters to that request
 * until "All lines". Keeps the newest {@value #KEEP} lines.
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
    private final ToggleButton follow = new ToggleButton("Follow");
    private final Label requestShown = new Label();
    private final HBox requestBar;
    /** The request whose lines alone are shown, or null for all. */
    private String request;
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
        list.setCellFactory(v -> new LogCell(this::showRequest));
        follow.setId("logs-follow");
        follow.setSelected(true);
        follow.setGraphic(new FontIcon(Feather.ARROW_DOWN_CIRCLE));
        follow.setTooltip(new Tooltip("Keep the newest line in view"));
        follow.selectedProperty().addListener((o, was, now) -> {
            if (now) scrollToEnd();
        });
        requestShown.setId("logs-request");
        Button allLines = Buttons.of("All lines", "logs-all-lines", () -> showRequest(null));
        allLines.setGraphic(new FontIcon(Feather.ARROW_LEFT));
        requestBar = new HBox(8, requestShown, allLines);
        requestBar.setId("logs-request-bar");
        requestBar.getStyleClass().add("logs-request-bar");
        requestBar.setAlignment(Pos.CENTER_LEFT);
        requestBar.setVisible(false);
        requestBar.setManaged(false);
        VBox.setVgrow(list, Priority.ALWAYS);
        app.textProperty().addListener((o, a, b) -> refilter());
        level.valueProperty().addListener((o, a, b) -> refilter());
        search.textProperty().addListener((o, a, b) -> refilter());
        pause.selectedProperty().addListener((o, was, now) -> {
            if (!now) flushHeld();
        });
        HBox bar = new HBox(8, new Label("App"), app, new Label("Level"), level, search, follow, pause,
                Buttons.of("Copy", "logs-copy", this::copy), Buttons.of("Clear", "logs-clear", lines::clear), status);
        bar.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(bar, requestBar, list);
        getStylesheets().add(LogsView.class.getResource("/fazt/desktop/views/apps.css").toExternalForm());
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
        if (follow.isSelected()) scrollToEnd();
    }

    private void scrollToEnd() {
        if (!shown.isEmpty()) list.scrollTo(shown.size() - 1);
    }

    /** Shows only the lines of {@code requestId}; null shows every line again. */
    public void showRequest(String requestId) {
        request = requestId;
        requestShown.setText(requestId == null ? "" : "Only the lines of request " + requestId);
        requestBar.setVisible(requestId != null);
        requestBar.setManaged(requestId != null);
        refilter();
    }

    /** Shows the lines of {@code appName} (a row's Logs button in the Apps view). */
    public void showApp(String appName) {
        showRequest(null);
        filter(appName, level.getValue(), search.getText());
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
        String r = request;
        shown.setPredicate(l -> (a.isEmpty() || a.equals(l.app()))
                && (r == null || r.equals(l.requestId()))
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

    /** Whether the newest line is kept in view as lines arrive. */
    public ToggleButton follow() {
        return follow;
    }

    /** Whether the list shows its last line (what follow keeps true). */
    boolean showsLastLine() {
        if (shown.isEmpty()) return true;
        javafx.scene.control.skin.VirtualFlow<?> flow = (javafx.scene.control.skin.VirtualFlow<?>) list.lookup(".virtual-flow");
        javafx.scene.control.IndexedCell<?> last = flow == null ? null : flow.getLastVisibleCell();
        return last != null && last.getIndex() == shown.size() - 1;
    }

    public void filter(String appName, String minLevel, String text) {
        app.setText(appName == null ? "" : appName);
        level.setValue(minLevel);
        search.setText(text == null ? "" : text);
    }
}
