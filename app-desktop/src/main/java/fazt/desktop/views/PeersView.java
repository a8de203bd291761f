package fazt.desktop.views;

import fazt.core.Node;
import fazt.core.peers.Peer;
import fazt.desktop.DesktopSession;
import fazt.desktop.Jobs;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.util.Duration;

/**
 * Peers (SPEC §10, §11): link another instance by its URL and a pairing code, see whether each
 * answers (a status dot, its version, when it was last seen; checked every
 * {@value #CHECK_EVERY_SECONDS} s in the background), unlink, and choose which node the Apps,
 * Aliases and Logs views act on: this computer or a peer. The peer registry is this computer's,
 * whichever node is managed, so it goes through {@link DesktopSession#localNode()}.
 */
public final class PeersView extends VBox {
    static final int CHECK_EVERY_SECONDS = 30;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final DesktopSession session;
    private final Node thisComputer;
    private final TableView<Peer> table = new TableView<>();
    private final Label managing = new Label();
    private final Label message = new Label();
    private final Timeline checks = new Timeline(new KeyFrame(Duration.seconds(CHECK_EVERY_SECONDS), e -> checkAll()));
    private boolean checking;

    public PeersView(DesktopSession session) {
        this.session = session;
        this.thisComputer = session.localNode();
        setId("peers-view");
        setSpacing(6);
        setPadding(new Insets(8));
        managing.setId("managing-label");
        message.setId("peers-message");
        message.setWrapText(true);

        table.setId("peers-table");
        TableColumn<Peer, Peer> status = new TableColumn<>("Status");
        status.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        status.setCellFactory(c -> new StatusCell());
        table.getColumns().add(status);
        table.getColumns().add(column("Name", p -> p.name() + (p.isDefault() ? " (default)" : "")));
        table.getColumns().add(column("URL", Peer::url));
        table.getColumns().add(column("Version", p -> p.version() == null ? "" : p.version()));
        table.getColumns().add(column("Last seen", p -> p.lastSeenAt() == null ? "never" : TIME.format(Instant.ofEpochMilli(p.lastSeenAt()))));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPlaceholder(new Label("No peers yet. On your server run 'fazt server pair', then press Link peer…"));
        VBox.setVgrow(table, Priority.ALWAYS);

        HBox actions = new HBox(8,
                Buttons.of("Link peer…", "link-peer", this::showLinkDialog),
                Buttons.of("Manage selected", "manage-peer", () -> selected(p -> manage(p.name()))),
                Buttons.of("Manage this computer", "manage-local", this::manageLocal),
                Buttons.of("Unlink…", "unlink-peer", () -> selected(this::confirmUnlink)),
                Buttons.of("Check now", "check-peers", this::checkAll));
        getChildren().addAll(managing, table, actions, message);
        showManaged();
        session.onManagedChange(this::showManaged);

        checks.setCycleCount(Animation.INDEFINITE);
        sceneProperty().addListener((o, was, now) -> {
            if (now == null) checks.stop();
            else checks.play();
        });
        checkAll();
    }

    private static TableColumn<Peer, String> column(String title, java.util.function.Function<Peer, String> value) {
        TableColumn<Peer, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        return c;
    }

    /** A dot coloured by what the last contact found, and the word for it. */
    private static final class StatusCell extends TableCell<Peer, Peer> {
        @Override
        protected void updateItem(Peer p, boolean empty) {
            super.updateItem(p, empty);
            if (empty || p == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            String s = p.status() == null ? "unknown" : p.status();
            Circle dot = new Circle(5, switch (s) {
                case Peer.ONLINE -> Color.web("#12b76a");
                case Peer.OFFLINE -> Color.web("#98a2b3");
                case Peer.UNAUTHORIZED, Peer.INCOMPATIBLE -> Color.web("#f79009");
                default -> Color.web("#d0d5dd");
            });
            dot.getStyleClass().add("peer-dot-" + s);
            setGraphic(dot);
            setText(s);
        }
    }

    private void showManaged() {
        managing.setText("Apps, Aliases and Logs act on: " + session.managedLabel());
    }

    private void selected(java.util.function.Consumer<Peer> action) {
        Peer p = table.getSelectionModel().getSelectedItem();
        if (p == null) {
            message.setText("Select a peer first.");
            return;
        }
        action.accept(p);
    }

    /** Contacts every peer in the background, then shows what each answered. */
    public void checkAll() {
        if (checking) return;
        checking = true;
        Task<List<Peer>> check = Jobs.run(() -> {
            for (Peer p : thisComputer.peers()) thisComputer.peerStatus(p.name()); // each records its outcome
            return thisComputer.peers();
        }, this::show, message::setText);
        // however the check ends (answer, error, cancelled), the next one may start
        check.runningProperty().addListener((o, was, running) -> {
            if (!running) checking = false;
        });
    }

    private void show(List<Peer> list) {
        String keep = table.getSelectionModel().getSelectedItem() == null ? null : table.getSelectionModel().getSelectedItem().name();
        table.getItems().setAll(list);
        if (keep != null) list.stream().filter(p -> p.name().equals(keep)).findFirst().ifPresent(p -> table.getSelectionModel().select(p));
    }

    private void reload() {
        Jobs.run(thisComputer::peers, this::show, message::setText);
    }

    private void showLinkDialog() {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Link peer");
        dialog.setHeaderText("Link another fazt instance.\nOn it, run 'fazt server pair' (or read the code its first start printed).");
        TextField name = field("peer-name", "home");
        TextField url = field("peer-url", "https://admin.example.com");
        TextField code = field("peer-code", "K7QF-9XZ2");
        GridPane form = new GridPane(8, 8);
        form.addRow(0, new Label("Name"), name);
        form.addRow(1, new Label("URL"), url);
        form.addRow(2, new Label("Code"), code);
        dialog.getDialogPane().setContent(form);
        dialog.getDialogPane().setId("link-dialog");
        ButtonType link = new ButtonType("Link", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, link);
        dialog.getDialogPane().lookupButton(link).setId("link-dialog-ok");
        if (getScene() != null) dialog.initOwner(getScene().getWindow());
        Optional<ButtonType> answer = dialog.showAndWait();
        if (answer.isPresent() && answer.get() == link) link(name.getText().trim(), url.getText().trim(), code.getText().trim());
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        return f;
    }

    /** Links a peer by its URL and a pairing code from it (what the dialog does). */
    public void link(String name, String url, String code) {
        message.setText("Linking " + name + " …");
        Jobs.run(() -> thisComputer.addPeer(name, url, code, null), p -> {
            message.setText("Linked " + p.name() + (p.version() == null ? "" : " (fazt " + p.version() + ")")
                    + ". Select it and press Manage selected to work on it from here."
                    + (p.warning() == null ? "" : " Note: " + p.warning()));
            reload();
        }, message::setText);
    }

    /** Makes the Apps, Aliases and Logs views act on the peer {@code name}. */
    public void manage(String name) {
        message.setText("Connecting to " + name + " …");
        long request = session.requestSwitch();
        Jobs.run(() -> session.managePeer(request, name), switched -> {
            // a newer choice made while this peer was checked stands, and says so itself
            if (switched) message.setText("Managing peer " + name + ": a folder dropped on the window is published there.");
            reload();
        }, m -> {
            message.setText(m);
            reload();
        });
    }

    private void manageLocal() {
        session.manageLocal();
        message.setText("Managing this computer.");
    }

    private void confirmUnlink(Peer p) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Forget " + p.name() + " (" + p.url() + ")? The key it gave this computer"
                + " is revoked there when it can be reached. Linking it again needs a new code.", ButtonType.CANCEL, ButtonType.OK);
        ask.setHeaderText("Unlink " + p.name() + "?");
        ask.getDialogPane().setId("confirm-unlink");
        if (getScene() != null) ask.initOwner(getScene().getWindow());
        ask.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> unlink(p.name()));
    }

    /** Unlinks a peer (after the confirmation above); the views go back to this computer if they managed it. */
    public void unlink(String name) {
        if (name.equals(session.managedPeer())) session.manageLocal();
        Jobs.run(() -> thisComputer.removePeer(name), revoked -> {
            message.setText("Unlinked " + name + (revoked ? "; its key was revoked there." : "; its key there could not be revoked"
                    + " (is it offline?): delete the key named 'peer …' on it."));
            reload();
        }, message::setText);
    }

    public TableView<Peer> table() {
        return table;
    }

    public Label message() {
        return message;
    }
}
