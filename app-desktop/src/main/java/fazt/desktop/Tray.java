package fazt.desktop;

import fazt.core.changes.Change;
import fazt.core.changes.ChangeStream;
import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray icon and its menu (SPEC §11, issue 17): the status line, each app (opens in the
 * browser), recent peers (manage one in the window), Pause/Resume serving, Open fazt, Open
 * dashboard and Quit; the icon shows serving, paused or an error. What it shows is a
 * {@link TrayMenuModel}, read again off the FX and AWT threads whenever this computer's change
 * stream reports an app or a peer, serving is paused or resumed (here or in the status bar), or
 * the menu is opened. JavaFX has no tray, so this uses AWT's; where the desktop offers none (GNOME
 * without the AppIndicator extension, headless tests) {@link #supported()} is false and
 * {@link WindowClosing} asks what closing the window does.
 */
final class Tray implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Tray.class);
    /** Apps listed in the menu itself; the rest go into a "More apps" submenu. */
    static final int APPS_SHOWN = 10;

    private final TrayIcon icon;
    private final DesktopSession session;
    private final Stage stage;
    private final Runnable quit;
    private final PopupMenu menu;
    private final Map<TrayMenuModel.State, BufferedImage> images;
    /** One reading of the node at a time, in order, on a thread of its own. */
    private final ExecutorService reader;
    /** What the last Pause/Resume from the tray failed with, until one succeeds. */
    private volatile String error;
    private volatile ChangeStream changes;

    private Tray(DesktopSession session, Stage stage, Runnable quit) {
        this.session = session;
        this.stage = stage;
        this.quit = quit;
        this.images = TrayIcons.all();
        this.menu = new PopupMenu();
        this.reader = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("fazt-tray").unstarted(r));
        this.icon = new TrayIcon(images.get(TrayMenuModel.State.SERVING), "fazt", menu);
    }

    /** No tray: nothing is shown and nothing is followed. */
    private Tray() {
        session = null;
        stage = null;
        quit = null;
        images = Map.of();
        menu = null; // AWT's menus cannot even be made where there is no display
        reader = null;
        icon = null;
    }

    boolean supported() {
        return icon != null;
    }

    /** The icon, for its notification balloons; null without a tray. */
    TrayIcon icon() {
        return icon;
    }

    /** Puts the icon in the tray where there is one; {@code quit} ends the desktop. On the FX thread. */
    static Tray install(DesktopSession session, Stage stage, Runnable quit) {
        if (Boolean.getBoolean("java.awt.headless") || !SystemTray.isSupported()) return new Tray();
        try {
            Tray tray = new Tray(session, stage, quit);
            tray.icon.setImageAutoSize(true);
            tray.icon.addActionListener(e -> Platform.runLater(() -> MainWindow.bringToFront(stage)));
            tray.icon.addMouseListener(new MouseAdapter() {
                @Override
                public void mousePressed(MouseEvent e) {
                    tray.refresh();
                }
            });
            SystemTray.getSystemTray().add(tray.icon);
            session.server().onPauseChange(tray::refresh);
            tray.changes = session.localNode().followChanges(tray::changed);
            tray.refresh();
            return tray;
        } catch (AWTException | RuntimeException e) {
            log.warn("no tray icon: {}", e.getMessage());
            return new Tray();
        }
    }

    private void changed(Change c) {
        if (c.isResync() || c.kind().startsWith("app.") || c.kind().startsWith("peer.")) refresh();
    }

    /** Reads the node again and shows what it says. Any thread. */
    void refresh() {
        reader.execute(() -> {
            TrayMenuModel model = TrayMenuModel.read(session, error);
            EventQueue.invokeLater(() -> show(model));
        });
    }

    /** The menu and the icon as {@code model} says. On the AWT thread. */
    private void show(TrayMenuModel model) {
        icon.setImage(images.get(model.state()));
        icon.setToolTip(model.tooltip());
        menu.removeAll();
        MenuItem status = new MenuItem(model.status());
        status.setEnabled(false);
        menu.add(status);
        menu.addSeparator();
        Menu more = new Menu("More apps");
        for (int i = 0; i < model.apps().size(); i++) {
            String app = model.apps().get(i);
            MenuItem item = item(app, () -> Browser.open(session.localAppUrl(app)));
            if (i < APPS_SHOWN) menu.add(item);
            else more.add(item);
        }
        if (more.getItemCount() > 0) menu.add(more);
        if (!model.peers().isEmpty()) {
            Menu peers = new Menu("Manage a peer");
            for (String peer : model.peers()) peers.add(item(peer, () -> Platform.runLater(() -> manage(peer))));
            menu.add(peers);
        }
        if (!model.apps().isEmpty() || !model.peers().isEmpty()) menu.addSeparator();
        menu.add(item(model.pauseLabel(), () -> reader.execute(this::togglePause)));
        menu.add(item("Open fazt", () -> Platform.runLater(() -> MainWindow.bringToFront(stage))));
        menu.add(item("Open dashboard", () -> Browser.open(session.dashboardUrl())));
        menu.addSeparator();
        menu.add(item("Quit", () -> {
            close();
            Platform.runLater(quit);
        }));
    }

    private static MenuItem item(String label, Runnable action) {
        MenuItem item = new MenuItem(label);
        item.addActionListener(e -> action.run());
        return item;
    }

    /** Pauses or resumes serving; a failure (the port taken meanwhile) shows in the status line and the icon. */
    private void togglePause() {
        try {
            if (session.server().paused()) session.server().resume();
            else session.server().pause();
            error = null;
        } catch (RuntimeException e) {
            error = Jobs.message(e);
            log.warn("tray: {}", error);
        }
        refresh();
    }

    /** Shows the window managing {@code peer}, as choosing it in the Peers view does. On the FX thread. */
    private void manage(String peer) {
        MainWindow.bringToFront(stage);
        long request = session.requestSwitch();
        Jobs.run(() -> session.managePeer(request, peer), switched -> { }, message -> {
            Alert a = new Alert(Alert.AlertType.ERROR, "Could not manage peer " + peer + ": " + message);
            a.initOwner(stage);
            a.show();
        });
    }

    /** Takes the icon out of the tray and stops following the node. */
    @Override
    public void close() {
        if (icon == null) return;
        ChangeStream c = changes;
        if (c != null) c.close();
        reader.shutdownNow();
        if (EventQueue.isDispatchThread()) SystemTray.getSystemTray().remove(icon);
        else EventQueue.invokeLater(() -> SystemTray.getSystemTray().remove(icon));
    }
}
