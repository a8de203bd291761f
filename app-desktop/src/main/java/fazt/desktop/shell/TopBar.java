package fazt.desktop.shell;

import atlantafx.base.theme.Styles;
import fazt.core.peers.Peer;
import fazt.desktop.DesktopSession;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The strip above the section: its title, the two actions used most ("New app", "Publish
 * folder"), and the instance being managed with a switcher between this computer and each linked
 * peer. Choosing a peer goes through the same switch as the Peers section's "Manage".
 */
public final class TopBar extends HBox {
    private final DesktopSession session;
    private final Consumer<String> managePeer;
    private final Label title = new Label();
    private final MenuButton switcher = new MenuButton();

    /** {@code managePeer} switches to the named peer (and says how it went where the person sees it). */
    public TopBar(DesktopSession session, Consumer<String> managePeer, Runnable newApp, Runnable publishFolder) {
        this.session = session;
        this.managePeer = managePeer;
        setId("top-bar");
        getStyleClass().add("top-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);
        title.setId("section-title");
        title.getStyleClass().add(Styles.TITLE_3);
        title.setMinWidth(Region.USE_PREF_SIZE);
        Button create = button("New app", Feather.PLUS, "top-new-app", Shortcuts.NEW_APP.getDisplayText(), newApp);
        Button publish = button("Publish folder…", Feather.UPLOAD, "top-publish", Shortcuts.PUBLISH_FOLDER.getDisplayText(), publishFolder);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label caption = new Label("Managing");
        caption.getStyleClass().add(Styles.TEXT_MUTED);
        caption.setMinWidth(Region.USE_PREF_SIZE);
        switcher.setId("instance-switcher");
        switcher.setGraphic(new FontIcon(Feather.MONITOR));
        switcher.setMinWidth(Region.USE_PREF_SIZE);
        switcher.setTooltip(new Tooltip("The instance the sections act on and a drop publishes to"));
        switcher.setOnShowing(e -> fillSwitcher());
        getChildren().addAll(title, grow, create, publish, caption, switcher);
        showManaged();
        session.onManagedChange(this::showManaged);
        fillSwitcher();
    }

    private static Button button(String text, Feather icon, String id, String keys, Runnable action) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setTooltip(new Tooltip(text + " (" + keys + ")"));
        b.setOnAction(e -> action.run());
        return b;
    }

    public void title(String text) {
        title.setText(text);
    }

    private void showManaged() {
        switcher.setText(session.managedLabel());
    }

    /** This computer, then each linked peer (read from this computer's own list, which is local). */
    private void fillSwitcher() {
        MenuItem local = new MenuItem("This computer", new FontIcon(Feather.MONITOR));
        local.setId("switch-local");
        local.setOnAction(e -> session.manageLocal());
        switcher.getItems().setAll(local);
        List<Peer> peers = session.localNode().peers();
        if (!peers.isEmpty()) switcher.getItems().add(new SeparatorMenuItem());
        for (Peer p : peers) {
            MenuItem item = new MenuItem("peer " + p.name(), new FontIcon(Feather.SERVER));
            item.setId("switch-peer-" + p.name());
            item.setOnAction(e -> managePeer.accept(p.name()));
            switcher.getItems().add(item);
        }
    }

    public MenuButton switcher() {
        return switcher;
    }
}
