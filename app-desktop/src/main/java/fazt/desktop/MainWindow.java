package fazt.desktop;

import fazt.desktop.views.AliasesView;
import fazt.desktop.views.AppsView;
import fazt.desktop.views.LogsView;
import fazt.desktop.views.PeersView;
import java.io.File;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The window (SPEC §11): Apps, Aliases and Logs views over the session's node, Peers to choose
 * that node, a status bar, and a drop target covering the whole window: a folder or zip dropped
 * anywhere is deployed to the managed node.
 */
public final class MainWindow extends BorderPane {
    /** The size the window opens at; the status bar fits in its width without cutting its words off. */
    public static final double DEFAULT_WIDTH = 1000;
    public static final double DEFAULT_HEIGHT = 640;

    private final AppsView apps;
    private final AliasesView aliases;
    private final LogsView logs;
    private final PeersView peers;
    private final TabPane tabs;

    public MainWindow(DesktopSession session, boolean hasTray) {
        setId("main-window");
        apps = new AppsView(session);
        aliases = new AliasesView(session);
        logs = new LogsView(session);
        peers = new PeersView(session);
        tabs = new TabPane(tab("Apps", apps), tab("Aliases", aliases), tab("Peers", peers), tab("Logs", logs));
        apps.onShowLogs(app -> { // a row's Logs button: the Logs view, filtered to that app
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getContent() == logs).findFirst().orElseThrow());
            logs.showApp(app);
        });
        session.onManagedChange(() -> {
            apps.refresh();
            aliases.refresh();
            logs.restart();
        });
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now.getContent() == aliases) aliases.refresh();
            if (now != null && now.getContent() == apps) apps.refresh();
        });
        setCenter(tabs);
        VBox bottom = new VBox(new StatusBar(session));
        if (!hasTray) {
            Label note = new Label("This desktop has no tray: closing the window asks whether fazt keeps serving in the background.");
            note.setId("no-tray-note");
            note.getStyleClass().add("note");
            bottom.getChildren().addFirst(note);
        }
        setBottom(bottom);
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        });
        setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) drop(e.getDragboard().getFiles());
            e.setDropCompleted(ok);
            e.consume();
        });
        getStylesheets().add(MainWindow.class.getResource("/fazt/desktop/fazt.css").toExternalForm());
    }

    private static Tab tab(String title, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setId("tab-" + title.toLowerCase());
        return t;
    }

    /** What a drop does: each folder or .zip becomes a deploy, shown with progress in the Apps view. */
    public void drop(List<File> files) {
        tabs.getSelectionModel().select(0);
        for (File f : files) apps.deploy(f.toPath());
    }

    public AppsView apps() {
        return apps;
    }

    public AliasesView aliases() {
        return aliases;
    }

    public LogsView logs() {
        return logs;
    }

    public PeersView peers() {
        return peers;
    }

    static void bringToFront(Stage stage) {
        if (stage.isIconified()) stage.setIconified(false);
        stage.show();
        stage.toFront();
        stage.requestFocus();
    }
}
