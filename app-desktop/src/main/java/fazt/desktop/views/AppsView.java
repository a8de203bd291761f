package fazt.desktop.views;

import fazt.core.Node;
import fazt.core.apps.AppCheck;
import fazt.core.apps.AppInfo;
import fazt.core.apps.DeployInput;
import fazt.core.apps.DeployResult;
import fazt.core.apps.VersionInfo;
import fazt.desktop.DesktopSession;
import fazt.desktop.Jobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Apps (SPEC §11): the list with version, size, URL and last deploy; deploy by drop with
 * progress and cancel; open in the browser; versions and rollback; the scheduled jobs; delete with confirmation.
 * Each action acts on the node managed when the person acted, even if the window switches to
 * another before its work starts.
 */
public final class AppsView extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final DesktopSession session;
    private final TableView<AppInfo> table = new TableView<>();
    private final HBox progressRow = new HBox();
    private final ProgressBar progress = new ProgressBar();
    private final Label progressText = new Label();
    private final Button cancel = new Button("Cancel");
    private final Label message = new Label();
    private final VersionsPane versions;
    private final SchedulesPane schedules = new SchedulesPane();
    private final VisitsChart visits;
    private Task<?> running;
    /** Counts refreshes, so that only the newest one (after a switch, the new node's) fills the table. */
    private int generation;

    public AppsView(DesktopSession session) {
        this.session = session;
        setId("apps-view");
        setSpacing(6);
        setPadding(new Insets(8));
        Label hint = new Label("Drop a folder or a .zip anywhere on this window to publish it.");
        hint.getStyleClass().add("drop-hint");
        progressRow.getStyleClass().add("progress-row");
        progressRow.getChildren().addAll(progressText, progress, cancel);
        progressRow.setVisible(false);
        progressRow.setManaged(false);
        progress.setId("deploy-progress");
        cancel.setId("deploy-cancel");
        cancel.setOnAction(e -> {
            if (running != null) running.cancel();
        });
        message.setId("apps-message");
        message.setWrapText(true);

        table.setId("apps-table");
        table.getColumns().add(column("Name", AppInfo::name));
        table.getColumns().add(column("Version", a -> String.valueOf(a.activeVersion())));
        table.getColumns().add(column("Files", a -> String.valueOf(a.fileCount())));
        table.getColumns().add(column("Size", a -> ByteSize.text(a.sizeBytes())));
        table.getColumns().add(column("Live", a -> String.valueOf(a.connections()))); // open /_ws connections at the last refresh
        table.getColumns().add(column("URL", a -> session.appUrl(a.name())));
        table.getColumns().add(column("Last deploy", a -> TIME.format(Instant.ofEpochMilli(a.updatedAt()))));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        VBox.setVgrow(table, Priority.ALWAYS);

        versions = new VersionsPane(this::rollback);
        visits = new VisitsChart(session::node);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            showVersions(now);
            visits.show(now == null ? null : now.name());
        });

        Button create = Buttons.of("New app…", "new-app", () ->
                NewAppDialog.ask(getScene().getWindow(), session.label(session.node())).ifPresent(c -> createApp(session.node(), c.name(), c.template())));
        Button open = Buttons.of("Open", "open-app", () -> selected(a -> fazt.desktop.Browser.open(session.appUrl(a.name()))));
        Button delete = Buttons.of("Delete…", "delete-app", () -> selected(this::confirmDelete));
        Button refresh = Buttons.of("Refresh", "refresh-apps", this::refresh);
        HBox actions = new HBox(8, create, open, delete, refresh);
        VBox details = new VBox(8, versions, schedules);
        HBox body = new HBox(8, table, details);
        HBox.setHgrow(table, Priority.ALWAYS);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(hint, progressRow, message, body, visits, actions);
        refresh();
    }

    private static <T> TableColumn<T, String> column(String title, java.util.function.Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        return c;
    }

    private void selected(java.util.function.Consumer<AppInfo> action) {
        AppInfo a = table.getSelectionModel().getSelectedItem();
        if (a == null) {
            message.setText("Select an app first.");
            return;
        }
        action.accept(a);
    }

    /** Reloads the list from the node, keeping the selection. */
    public void refresh() {
        String keep = table.getSelectionModel().getSelectedItem() == null ? null : table.getSelectionModel().getSelectedItem().name();
        int mine = ++generation;
        Node target = session.node();
        Jobs.run(target::apps, apps -> {
            if (mine != generation) return;
            table.getItems().setAll(apps);
            if (keep != null) apps.stream().filter(a -> a.name().equals(keep)).findFirst().ifPresent(a -> table.getSelectionModel().select(a));
        }, m -> {
            if (mine == generation) fail(m);
        });
    }

    /** Deploys a dropped folder or zip; progress shows until it is done, errors show as text. */
    public void deploy(Path source) {
        Node target = session.node();
        message.setText("");
        progressText.setText("Publishing " + source.getFileName() + " to " + session.label(target) + " …");
        progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        showProgress(true);
        List<List<String>> skipped = new java.util.ArrayList<>();
        running = Jobs.run(() -> {
            // a folder is checked and, when it has a build script, built first: its lines show in the progress row
            DeployInput input = Files.isDirectory(source)
                    ? DeployInput.ofFolder(source, null, false, true, System.getenv("PATH"), line -> Jobs.fx(() -> progressText.setText(line)))
                    : DeployInput.of(source, null, false);
            skipped.add(input.skipped());
            long total = input.zip().length;
            Jobs.fx(() -> progressText.setText("Publishing " + source.getFileName() + " to " + session.label(target) + " …"));
            return target.deploy(input.appName(), input.zip(), null,
                    sent -> Jobs.fx(() -> progress.setProgress(total == 0 ? 1 : (double) sent / total)));
        }, (DeployResult r) -> {
            showProgress(false);
            message.setText("Published " + r.app() + " version " + r.version() + " (" + r.fileCount() + " files, "
                    + ByteSize.text(r.sizeBytes()) + ") at " + session.appUrl(target, r.app())
                    + (skipped.isEmpty() || skipped.get(0).isEmpty() ? "" : "; " + AppCheck.skippedLine(skipped.get(0))));
            refresh();
        }, m -> {
            showProgress(false);
            fail("Could not publish " + source.getFileName() + ": " + m);
            session.deployFailed(String.valueOf(source.getFileName()), m); // a hidden window notifies (DeployNotices)
        });
        running.setOnCancelled(e -> {
            showProgress(false);
            message.setText("Cancelled.");
        });
    }

    /** Creates {@code app} on {@code target} (the node managed when the person asked) from a shipped template. */
    public void createApp(Node target, String app, String template) {
        message.setText("");
        Jobs.run(() -> target.createFromTemplate(app, template), (DeployResult r) -> {
            message.getStyleClass().remove("error");
            message.setText("Created " + r.app() + " from the " + template + " template at " + session.appUrl(target, r.app()));
            refresh();
        }, m -> fail("Could not create " + app + ": " + m));
    }

    private void showProgress(boolean on) {
        progressRow.setVisible(on);
        progressRow.setManaged(on);
    }

    private void showVersions(AppInfo app) {
        if (app == null) {
            versions.show(null, List.of());
            schedules.show(null, List.of());
            return;
        }
        Node target = session.node();
        Jobs.run(() -> target.versions(app.name()), list -> versions.show(app.name(), list), this::fail);
        Jobs.run(() -> target.schedules(app.name()), list -> schedules.show(app.name(), list), this::fail);
    }

    /** Makes {@code version} of {@code app} active, then shows the result. */
    public void rollback(String app, int version) {
        Node target = session.node();
        Jobs.run(() -> target.rollback(app, version), (VersionInfo v) -> {
            message.setText(app + " now serves version " + v.version());
            refresh();
            Jobs.run(() -> target.versions(app), list -> versions.show(app, list), this::fail);
        }, this::fail);
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
            message.setText("Deleted " + app + " on " + session.label(target) + ".");
            refresh();
        }, this::fail);
    }

    private void fail(String m) {
        message.getStyleClass().add("error");
        message.setText(m);
    }

    public TableView<AppInfo> table() {
        return table;
    }

    public VisitsChart visits() {
        return visits;
    }

    public Label message() {
        return message;
    }
}
