package fazt.desktop;

import fazt.core.changes.Change;
import fazt.core.changes.ChangeKind;
import fazt.desktop.shell.AnalyticsView;
import fazt.desktop.shell.DesktopPrefs;
import fazt.desktop.shell.DropOverlay;
import fazt.desktop.shell.ManagedChanges;
import fazt.desktop.shell.Section;
import fazt.desktop.shell.Shortcuts;
import fazt.desktop.shell.Sidebar;
import fazt.desktop.shell.Theme;
import fazt.desktop.shell.TopBar;
import fazt.desktop.views.AliasesView;
import fazt.desktop.views.AppsView;
import fazt.desktop.views.LogsView;
import fazt.desktop.views.NewAppDialog;
import fazt.desktop.views.PeersView;
import java.io.File;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * The window (SPEC §11, issue 17): a sidebar of sections (Apps, Aliases, Peers, Logs, Analytics,
 * Settings), a top bar naming the instance being managed with a switcher, the status bar, and a
 * drop target covering the whole window: a folder or zip dropped anywhere is deployed to the managed
 * node, with an overlay naming it while the drag is over the window. The window follows the managed
 * node's changes, so a deploy from a terminal, the dashboard or a peer shows without a Refresh.
 */
public final class MainWindow extends StackPane {
    /** The size the window opens at; the status bar and the top bar fit in its width without cutting their words off. */
    public static final double DEFAULT_WIDTH = 1000;
    public static final double DEFAULT_HEIGHT = 640;
    /** Changes arriving within this long are shown by one refresh. */
    private static final Duration GATHER = Duration.millis(150);

    private final DesktopSession session;
    private final AppsView apps;
    private final AliasesView aliases;
    private final LogsView logs;
    private final PeersView peers;
    private final AnalyticsView analytics;
    private final SettingsView settings;
    private final Sidebar sidebar;
    private final TopBar topBar;
    private final DropOverlay overlay = new DropOverlay();
    private final Map<Section, javafx.scene.Node> sections = new EnumMap<>(Section.class);
    private final StackPane content = new StackPane();
    private final ManagedChanges changes;
    private final PauseTransition appsChanged = new PauseTransition(GATHER);
    private final PauseTransition aliasesChanged = new PauseTransition(GATHER);
    private Function<Window, File> folderChooser = MainWindow::chooseFolder;

    public MainWindow(DesktopSession session, boolean hasTray) {
        this(session, hasTray, DesktopPrefs.user());
    }

    /** The window with the person's preferences {@code prefs} (tests give a node of their own). */
    public MainWindow(DesktopSession session, boolean hasTray, DesktopPrefs prefs) {
        this.session = session;
        setId("main-window");
        Theme.applyAndFollow(prefs);
        apps = new AppsView(session);
        aliases = new AliasesView(session);
        logs = new LogsView(session);
        peers = new PeersView(session);
        analytics = new AnalyticsView(session);
        StatusBar status = new StatusBar(session);
        settings = new SettingsView(session, prefs, status::update);
        sections.put(Section.APPS, apps);
        sections.put(Section.ALIASES, aliases);
        sections.put(Section.PEERS, peers);
        sections.put(Section.LOGS, logs);
        sections.put(Section.ANALYTICS, analytics);
        sections.put(Section.SETTINGS, settings);
        for (javafx.scene.Node n : sections.values()) n.setVisible(false);
        content.getChildren().addAll(sections.values());
        content.getStyleClass().add("section-content");
        apps.onShowLogs(app -> { // a row's Logs button: the Logs view, filtered to that app
            show(Section.LOGS);
            logs.showApp(app);
        });
        session.onManagedChange(() -> {
            apps.refresh();
            aliases.refresh();
            logs.restart();
            if (analytics.isVisible()) analytics.refresh();
        });
        topBar = new TopBar(session, peers::manage, this::newApp, this::publishFolder);
        sidebar = new Sidebar(this::showSection);
        BorderPane main = new BorderPane(content);
        main.setTop(topBar);
        BorderPane layout = new BorderPane(main);
        layout.setLeft(sidebar);
        VBox bottom = new VBox(status);
        if (!hasTray) {
            Label note = new Label("This desktop has no tray: closing the window asks whether fazt keeps serving in the background.");
            note.setId("no-tray-note");
            note.getStyleClass().add("note");
            note.setWrapText(true);
            bottom.getChildren().addFirst(note);
        }
        layout.setBottom(bottom);
        getChildren().addAll(layout, overlay);
        sidebar.select(Section.APPS);

        appsChanged.setOnFinished(e -> apps.refresh());
        aliasesChanged.setOnFinished(e -> aliases.refresh());
        changes = new ManagedChanges(session, this::changed, this::reloadAll);
        sceneProperty().addListener((o, was, now) -> {
            if (now != null) installShortcuts(now);
            if (was != null && now == null) changes.close();
        });
        setOnDragEntered(e -> {
            if (carriesFiles(e)) overlay.show(DropOverlay.sentence(session.managedPeer()));
        });
        setOnDragOver(e -> {
            if (carriesFiles(e)) {
                e.acceptTransferModes(TransferMode.COPY);
                if (!overlay.isVisible()) overlay.show(DropOverlay.sentence(session.managedPeer()));
            }
            e.consume();
        });
        setOnDragExited(e -> overlay.hide());
        setOnDragDropped(e -> {
            overlay.hide();
            boolean ok = carriesFiles(e);
            if (ok) drop(e.getDragboard().getFiles());
            e.setDropCompleted(ok);
            e.consume();
        });
        getStylesheets().add(MainWindow.class.getResource("/fazt/desktop/fazt.css").toExternalForm());
    }

    private static boolean carriesFiles(DragEvent e) {
        return e.getDragboard() != null && e.getDragboard().hasFiles();
    }

    /** Shows a change of the managed node: apps and aliases within a moment; after missed ones, everything. */
    private void changed(Change c) {
        String kind = c.kind();
        if (kind.equals(ChangeKind.RESYNC.id())) {
            reloadAll();
        } else if (kind.startsWith("app.")) {
            appsChanged.playFromStart();
            if (analytics.isVisible()) analytics.refresh();
        } else if (kind.startsWith("alias.")) {
            aliasesChanged.playFromStart();
        } else if (kind.equals(ChangeKind.SETTINGS_CHANGED.id()) || kind.equals(ChangeKind.CERTIFICATE_CHANGED.id())) {
            if (settings.isVisible()) settings.refresh();
        }
    }

    /** Reads everything the sections show again (a stream just opened, or some changes were missed). */
    private void reloadAll() {
        apps.refresh();
        aliases.refresh();
        if (analytics.isVisible()) analytics.refresh();
        if (settings.isVisible()) settings.refresh();
    }

    private void installShortcuts(Scene scene) {
        scene.getAccelerators().put(Shortcuts.NEW_APP, this::newApp);
        scene.getAccelerators().put(Shortcuts.PUBLISH_FOLDER, this::publishFolder);
        scene.getAccelerators().put(Shortcuts.SEARCH_APPS, () -> {
            show(Section.APPS);
            apps.focusSearch();
        });
        for (Section s : Section.values()) scene.getAccelerators().put(Shortcuts.section(s.digit()), () -> sidebar.select(s));
    }

    /** Shows {@code section} as the sidebar does when it is clicked. */
    public void show(Section section) {
        sidebar.select(section);
    }

    private void showSection(Section section) {
        sections.forEach((s, n) -> n.setVisible(s == section));
        topBar.title(section.title());
        switch (section) {
            case APPS -> apps.refresh();
            case ALIASES -> aliases.refresh();
            case ANALYTICS -> analytics.refresh();
            case SETTINGS -> settings.refresh();
            default -> { }
        }
    }

    /** The section shown now. */
    public Section section() {
        return sidebar.selected();
    }

    /** "New app…": asks for a name and a template, then creates the app on the managed node. */
    public void newApp() {
        show(Section.APPS);
        NewAppDialog.ask(getScene().getWindow(), session.label(session.node()))
                .ifPresent(c -> apps.createApp(session.node(), c.name(), c.template()));
    }

    /** "Publish folder…": asks for a folder and publishes it to the managed node, as a drop does. */
    public void publishFolder() {
        File folder = folderChooser.apply(getScene().getWindow());
        if (folder != null) drop(List.of(folder));
    }

    /** Replaces the folder dialog of {@link #publishFolder} (tests answer it themselves). */
    public void chooseFoldersWith(Function<Window, File> chooser) {
        folderChooser = chooser;
    }

    private static File chooseFolder(Window owner) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Publish a folder");
        return chooser.showDialog(owner);
    }

    /** What a drop does: each folder or .zip becomes a deploy, shown with progress in the Apps view. */
    public void drop(List<File> files) {
        show(Section.APPS);
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

    public AnalyticsView analytics() {
        return analytics;
    }

    SettingsView settings() {
        return settings;
    }

    public TopBar topBar() {
        return topBar;
    }

    public DropOverlay overlay() {
        return overlay;
    }

    /** Whether the window follows the managed node's changes now. */
    public boolean following() {
        return changes.following();
    }

    static void bringToFront(Stage stage) {
        if (stage.isIconified()) stage.setIconified(false);
        stage.show();
        stage.toFront();
        stage.requestFocus();
    }
}
