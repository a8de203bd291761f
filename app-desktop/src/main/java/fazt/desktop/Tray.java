package fazt.desktop;

import fazt.core.apps.AppInfo;
import fazt.core.apps.AppNames;
import java.awt.AWTException;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray icon and its menu (SPEC §11): Open fazt, Open an app ›, Pause/Resume serving, Quit.
 * JavaFX has no tray, so this uses AWT's; where the desktop offers none (some GNOME setups,
 * headless tests) {@link #supported()} is false and the window is the only way in.
 */
final class Tray {
    private static final Logger log = LoggerFactory.getLogger(Tray.class);

    private final TrayIcon icon;

    private Tray(TrayIcon icon) {
        this.icon = icon;
    }

    boolean supported() {
        return icon != null;
    }

    static Tray install(DesktopSession session, Stage stage) {
        if (Boolean.getBoolean("java.awt.headless") || !SystemTray.isSupported()) return new Tray(null);
        try {
            PopupMenu menu = new PopupMenu();
            MenuItem open = new MenuItem("Open fazt");
            open.addActionListener(e -> Platform.runLater(() -> MainWindow.bringToFront(stage)));
            MenuItem dashboard = new MenuItem("Open dashboard");
            dashboard.addActionListener(e -> Browser.open(session.dashboardUrl()));
            Menu apps = new Menu("Open an app");
            MenuItem pause = new MenuItem("Pause serving");
            pause.addActionListener(e -> {
                if (session.server().paused()) session.server().resume();
                else session.server().pause();
                pause.setLabel(session.server().paused() ? "Resume serving" : "Pause serving");
            });
            MenuItem quit = new MenuItem("Quit");
            menu.add(open);
            menu.add(dashboard);
            menu.add(apps);
            menu.addSeparator();
            menu.add(pause);
            menu.add(quit);
            TrayIcon icon = new TrayIcon(Icons.awt(), "fazt", menu);
            icon.setImageAutoSize(true);
            icon.addActionListener(e -> Platform.runLater(() -> MainWindow.bringToFront(stage)));
            icon.addMouseListener(new MouseAdapter() {
                @Override
                public void mousePressed(MouseEvent e) {
                    fillApps(apps, session);
                }
            });
            quit.addActionListener(e -> {
                SystemTray.getSystemTray().remove(icon);
                Platform.exit();
            });
            fillApps(apps, session);
            SystemTray.getSystemTray().add(icon);
            return new Tray(icon);
        } catch (AWTException | RuntimeException e) {
            log.warn("no tray icon: {}", e.getMessage());
            return new Tray(null);
        }
    }

    /** The app submenu is rebuilt each time the tray is clicked, so new deploys appear. */
    private static void fillApps(Menu menu, DesktopSession session) {
        menu.removeAll();
        for (AppInfo a : session.localNode().apps()) {
            if (AppNames.isSystemApp(a.name())) continue;
            MenuItem item = new MenuItem(a.name());
            item.addActionListener(e -> Browser.open(session.localAppUrl(a.name())));
            menu.add(item);
        }
        if (menu.getItemCount() == 0) {
            MenuItem none = new MenuItem("(no apps yet)");
            none.setEnabled(false);
            menu.add(none);
        }
    }
}
