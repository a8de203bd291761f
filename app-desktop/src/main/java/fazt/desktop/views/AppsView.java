package fazt.desktop.views;

import fazt.core.Node;
import fazt.core.analytics.Interval;
import fazt.core.analytics.TimelinePoint;
import fazt.core.apps.AppCheck;
import fazt.core.apps.AppInfo;
import fazt.core.apps.AppNames;
import fazt.core.apps.DeployInput;
import fazt.core.apps.DeployResult;
import fazt.core.apps.VersionInfo;
import fazt.desktop.Browser;
import fazt.desktop.DesktopSession;
import fazt.desktop.Jobs;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.Duration;

/**
 * Apps (SPEC §11): each app as a rich row ({@link AppCard}) with a search over names and
 * addresses; deploy by drop with progress, cancel and a toast with Undo; new app from a template;
 * versions and rollback, the scheduled jobs and the visits of the selected app; env vars, logs and
 * delete from each row. Each action acts on the node managed when the person acted, even if the
 * window switches to another before its work starts.
 */
public final class AppsView extends VBox {
    /** Days of visits in each row's sparkline. */
    static final int SPARK_DAYS = 14;
    /** What a row leaves of the list's width: the cell's padding and the scroll bar. */
    private static final double ROW_INSET = 40;

    private final DesktopSession session;
    private final ObservableList<AppInfo> all = FXCollections.observableArrayList();
    private final FilteredList<AppInfo> shown = new FilteredList<>(all);
    private final ListView<AppInfo> list = new ListView<>(shown);
    private final TextField search = new TextField();
    private final DeployProgress progress = new DeployProgress();
    private final Label message = new Label();
    private final VersionsPane versions;
    private final SchedulesPane schedules = new SchedulesPane();
    private final VisitsChart visits;
    private final DeployToast toast = new DeployToast(Browser::open);
    private final EmptyApps empty;
    private final HBox body;
    /** Each app's daily pageviews for its sparkline, from the last refresh. */
    private Map<String, List<Long>> sparks = Map.of();
    private Consumer<String> onShowLogs = app -> {};
    private boolean sharedWhenDrawn;
    /** Counts refreshes, so that only the newest one (after a switch, the new node's) fills the list. */
    private int generation;

    /** What one refresh read from the node. */
    private record Loaded(List<AppInfo> apps, Map<String, List<Long>> sparks) {}

    public AppsView(DesktopSession session) {
        this.session = session;
        setId("apps-view");
        getStyleClass().add("apps-view");
        getStylesheets().add(AppsView.class.getResource("/fazt/desktop/views/apps.css").toExternalForm());
        setSpacing(6);
        setPadding(new Insets(8));
        message.setId("apps-message");
        message.setWrapText(true);

        search.setId("apps-search");
        search.setPromptText("Search apps (Ctrl+F)");
        search.setAccessibleText("Search apps by name or address");
        search.textProperty().addListener((o, was, now) -> refilter());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) search.clear();
        });
        HBox.setHgrow(search, Priority.ALWAYS);
        search.setMaxWidth(360);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button create = Buttons.of("New app…", "new-app", this::askNewApp);
        Button refresh = Buttons.of("Refresh", "refresh-apps", this::refresh);
        HBox top = new HBox(8, search, grow, create, refresh);
        top.setAlignment(Pos.CENTER_LEFT);

        list.setId("apps-list");
        list.getStyleClass().add("apps-list");
        list.setPlaceholder(new Label("No app matches the search."));
        list.setCellFactory(v -> new ListCell<>() {
            {
                setPrefWidth(0); // the rows take the list's width, not the widest row's: no sideways scrolling
            }

            @Override
            protected void updateItem(AppInfo a, boolean isEmpty) {
                super.updateItem(a, isEmpty);
                setText(null);
                AppCard c = isEmpty || a == null ? null : card(a);
                if (c != null) c.prefWidthProperty().bind(list.widthProperty().subtract(ROW_INSET));
                setGraphic(c);
            }
        });
        list.setContextMenu(contextMenu());
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) selected(this::open);
            else if (e.getCode() == KeyCode.DELETE) selected(this::confirmDelete);
        });

        versions = new VersionsPane(this::rollback);
        visits = new VisitsChart(session::node);
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            showVersions(now);
            visits.show(now == null ? null : now.name());
        });
        VBox details = new VBox(8, versions, schedules);
        body = new HBox(8, list, details);
        HBox.setHgrow(list, Priority.ALWAYS);
        empty = new EmptyApps(this::askNewApp, this::chooseFolder);
        StackPane center = new StackPane(body, empty, toast);
        center.setPickOnBounds(false);
        StackPane.setAlignment(toast, Pos.BOTTOM_CENTER);
        StackPane.setMargin(toast, new Insets(12));
        VBox.setVgrow(center, Priority.ALWAYS);
        showEmpty(false);
        getChildren().addAll(top, progress, message, center, visits);

        // "3 min ago" moves on, and the QR codes come and go with "Share on my network"
        Timeline ticker = new Timeline(new KeyFrame(Duration.seconds(5), e -> tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        refresh();
    }

    private AppCard card(AppInfo a) {
        Node node = session.node();
        AppCard.Facts facts = new AppCard.Facts(session.appUrl(node, a.name()), LanUrl.of(session, node, a.name()),
                sparks.getOrDefault(a.name(), List.of()), System.currentTimeMillis());
        return new AppCard(a, facts, new AppCard.Actions() {
            @Override
            public void open(AppInfo app) {
                AppsView.this.open(app);
            }

            @Override
            public void versions(AppInfo app) {
                list.getSelectionModel().select(app);
                versions.requestFocus();
            }

            @Override
            public void logs(AppInfo app) {
                onShowLogs.accept(app.name());
            }

            @Override
            public void envVars(AppInfo app) {
                AppsView.this.envVars(app);
            }

            @Override
            public void delete(AppInfo app) {
                confirmDelete(app);
            }
        });
    }

    private ContextMenu contextMenu() {
        MenuItem open = new MenuItem("Open in the browser");
        open.setOnAction(e -> selected(this::open));
        MenuItem copy = new MenuItem("Copy the address");
        copy.setOnAction(e -> selected(a -> {
            javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
            c.putString(session.appUrl(a.name()));
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        }));
        MenuItem logs = new MenuItem("Logs");
        logs.setOnAction(e -> selected(a -> onShowLogs.accept(a.name())));
        MenuItem env = new MenuItem("Environment variables…");
        env.setOnAction(e -> selected(this::envVars));
        MenuItem delete = new MenuItem("Delete…");
        delete.setOnAction(e -> selected(this::confirmDelete));
        return new ContextMenu(open, copy, logs, env, delete);
    }

    private void tick() {
        if (session.shared() != sharedWhenDrawn) {
            sharedWhenDrawn = session.shared();
            list.refresh();
            return;
        }
        long now = System.currentTimeMillis();
        AppCard.forEachIn(list, c -> c.tick(now));
    }

    private void refilter() {
        String q = search.getText().trim().toLowerCase(Locale.ROOT);
        shown.setPredicate(q.isEmpty() ? null : a -> a.name().toLowerCase(Locale.ROOT).contains(q)
                || session.appUrl(a.name()).toLowerCase(Locale.ROOT).contains(q));
    }

    /** Puts the keyboard in the search field (the window's Ctrl/Cmd+F). */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /** Where a row's Logs button leads: the window shows the Logs view filtered to that app. */
    public void onShowLogs(Consumer<String> showLogs) {
        onShowLogs = showLogs == null ? app -> {} : showLogs;
    }

    private void selected(Consumer<AppInfo> action) {
        AppInfo a = list.getSelectionModel().getSelectedItem();
        if (a == null) {
            message.setText("Select an app first.");
            return;
        }
        action.accept(a);
    }

    private void open(AppInfo a) {
        Browser.open(session.appUrl(a.name()));
    }

    /** Reloads the list (and each app's visits) from the node, keeping the selection. */
    public void refresh() {
        String keep = list.getSelectionModel().getSelectedItem() == null ? null : list.getSelectionModel().getSelectedItem().name();
        int mine = ++generation;
        Node target = session.node();
        Jobs.run(() -> load(target), loaded -> {
            if (mine != generation) return;
            sparks = loaded.sparks();
            sharedWhenDrawn = session.shared();
            all.setAll(loaded.apps());
            list.refresh();
            empty.target(session.label(target));
            showEmpty(loaded.apps().stream().allMatch(a -> AppNames.isSystemApp(a.name()))); // the landing page alone is no app yet
            if (keep != null) shown.stream().filter(a -> a.name().equals(keep)).findFirst().ifPresent(a -> list.getSelectionModel().select(a));
        }, m -> {
            if (mine == generation) fail(m);
        });
    }

    private static Loaded load(Node target) {
        List<AppInfo> apps = target.apps();
        Map<String, List<Long>> sparks = new HashMap<>();
        for (AppInfo a : apps) {
            try {
                sparks.put(a.name(), target.timeline(a.name(), Interval.DAY, SPARK_DAYS).stream().map(TimelinePoint::pageviews).toList());
            } catch (RuntimeException e) {
                sparks.put(a.name(), List.of()); // a row without its sparkline is still worth showing
            }
        }
        return new Loaded(apps, sparks);
    }

    private void showEmpty(boolean on) {
        empty.setVisible(on);
        body.setVisible(!on);
    }

    private void askNewApp() {
        Node target = session.node();
        NewAppDialog.ask(getScene().getWindow(), session.label(target)).ifPresent(c -> createApp(target, c.name(), c.template()));
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Publish a folder to " + session.managedLabel());
        File folder = chooser.showDialog(getScene().getWindow());
        if (folder != null) deploy(folder.toPath());
    }

    /** Deploys a dropped folder or zip; progress shows until it is done, then a toast; errors show as text. */
    public void deploy(Path source) {
        Node target = session.node();
        message.setText("");
        String publishing = "Publishing " + source.getFileName() + " to " + session.label(target) + " …";
        progress.start(publishing);
        List<List<String>> skipped = new java.util.ArrayList<>();
        Integer[] before = new Integer[1];
        Task<DeployResult> running = Jobs.run(() -> {
            // a folder is checked and, when it has a build script, built first: its lines show in the progress row
            DeployInput input = Files.isDirectory(source)
                    ? DeployInput.ofFolder(source, null, false, true, System.getenv("PATH"), line -> Jobs.fx(() -> progress.say(line)))
                    : DeployInput.of(source, null, false);
            skipped.add(input.skipped());
            // the version serving before, for Undo; a first deploy has none
            before[0] = target.apps().stream().filter(a -> a.name().equals(input.appName())).findFirst().map(AppInfo::activeVersion).orElse(null);
            long total = input.zip().length;
            Jobs.fx(() -> progress.say(publishing));
            return target.deploy(input.appName(), input.zip(), null,
                    sent -> Jobs.fx(() -> progress.sent(sent, total)));
        }, (DeployResult r) -> {
            progress.done();
            String url = session.appUrl(target, r.app());
            message.getStyleClass().remove("error");
            message.setText("Published " + r.app() + " version " + r.version() + " (" + r.fileCount() + " files, "
                    + ByteSize.text(r.sizeBytes()) + ") at " + url
                    + (skipped.isEmpty() || skipped.get(0).isEmpty() ? "" : "; " + AppCheck.skippedLine(skipped.get(0))));
            Integer previous = before[0];
            toast.show("Published " + r.app() + " v" + r.version(), url,
                    previous == null || previous == r.version() ? null : () -> rollback(target, r.app(), previous));
            refresh();
        }, m -> {
            progress.done();
            fail("Could not publish " + source.getFileName() + ": " + m);
            session.deployFailed(String.valueOf(source.getFileName()), m); // a hidden window notifies (DeployNotices)
        });
        progress.follow(running, () -> message.setText("Cancelled."));
    }

    /** Creates {@code app} on {@code target} (the node managed when the person asked) from a shipped template. */
    public void createApp(Node target, String app, String template) {
        message.setText("");
        Jobs.run(() -> target.createFromTemplate(app, template), (DeployResult r) -> {
            message.getStyleClass().remove("error");
            String url = session.appUrl(target, r.app());
            message.setText("Created " + r.app() + " from the " + template + " template at " + url);
            toast.show("Created " + r.app(), url, null);
            refresh();
        }, m -> fail("Could not create " + app + ": " + m));
    }

    private void showVersions(AppInfo app) {
        if (app == null) {
            versions.show(null, List.of());
            schedules.show(null, List.of());
            return;
        }
        Node target = session.node();
        Jobs.run(() -> target.versions(app.name()), l -> versions.show(app.name(), l), this::fail);
        Jobs.run(() -> target.schedules(app.name()), l -> schedules.show(app.name(), l), this::fail);
    }

    /** Makes {@code version} of {@code app} active on the managed node, then shows the result. */
    public void rollback(String app, int version) {
        rollback(session.node(), app, version);
    }

    private void rollback(Node target, String app, int version) {
        Jobs.run(() -> target.rollback(app, version), (VersionInfo v) -> {
            message.getStyleClass().remove("error");
            message.setText(app + " now serves version " + v.version());
            refresh();
            Jobs.run(() -> target.versions(app), l -> versions.show(app, l), this::fail);
        }, this::fail);
    }

    private void envVars(AppInfo a) {
        Node target = session.node();
        new EnvVarsDialog(getScene().getWindow(), target, a.name(), session.label(target)).show();
    }

    private void confirmDelete(AppInfo a) {
        Node target = session.node();
        String where = session.label(target);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Delete " + a.name() + " on " + where
                + " with all its versions, aliases, storage and logs?", ButtonType.CANCEL, ButtonType.OK);
        ask.setHeaderText("Delete " + a.name() + " on " + where + "?");
        ask.getDialogPane().setId("confirm-delete");
        ask.initOwner(getScene().getWindow());
        ask.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> delete(target, a.name()));
    }

    /** Deletes an app on {@code target}, the node managed when the person asked (after the confirmation above). */
    public void delete(Node target, String app) {
        Jobs.run(() -> {
            target.removeApp(app);
            return null;
        }, v -> {
            message.getStyleClass().remove("error");
            message.setText("Deleted " + app + " on " + session.label(target) + ".");
            refresh();
        }, this::fail);
    }

    private void fail(String m) {
        if (!message.getStyleClass().contains("error")) message.getStyleClass().add("error");
        message.setText(m);
    }

    /** The apps listed (those the search lets through) and the selection. */
    public ListView<AppInfo> list() {
        return list;
    }

    /** The row shown for {@code app}, if it is on screen. */
    AppCard card(String app) {
        return (AppCard) list.lookup("#app-card-" + app);
    }

    DeployToast toast() {
        return toast;
    }

    public VisitsChart visits() {
        return visits;
    }

    public Label message() {
        return message;
    }
}
