package fazt.desktop;

import atlantafx.base.theme.Styles;
import fazt.core.Health;
import fazt.desktop.shell.DesktopPrefs;
import fazt.desktop.shell.Theme;
import fazt.desktop.views.ByteSize;
import java.awt.Desktop;
import java.io.File;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings of this computer's fazt (whichever node the other sections manage): where its data
 * lives, its port, "Share on my network", "Start at login", the theme, its domain and HTTPS state,
 * its scheduled backups, the owner's password, and a way into the web dashboard. Engine settings
 * are changed through the local {@link fazt.core.Node}, which checks them; the theme is the
 * person's own ({@link DesktopPrefs}).
 */
final class SettingsView extends ScrollPane {
    private static final Logger log = LoggerFactory.getLogger(SettingsView.class);

    private final DesktopSession session;
    private final DesktopPrefs prefs;
    private final Runnable onShareChanged;
    private final GridPane grid = new GridPane();
    private final TextField port = new TextField();
    private final Label portNote = new Label();
    private final Label domain = new Label("…");
    private final Label backups = new Label("…");
    private final Label message = new Label();
    private final ComboBox<Theme> theme = new ComboBox<>();
    private int row;

    SettingsView(DesktopSession session, DesktopPrefs prefs, Runnable onShareChanged) {
        this.session = session;
        this.prefs = prefs;
        this.onShareChanged = onShareChanged;
        setId("settings-view");
        setFitToWidth(true);
        grid.setHgap(16);
        grid.setVgap(12);
        message.setId("settings-message");
        message.setWrapText(true);

        Label data = new Label(session.dataPath());
        data.setId("status-data");
        data.setWrapText(true);
        add("Data location", new VBox(6, data, button("Show in folder", "show-data-folder", this::showDataFolder)));

        port.setId("settings-port");
        port.setPrefColumnCount(6);
        portNote.setId("settings-port-note");
        portNote.getStyleClass().add(Styles.TEXT_MUTED);
        portNote.setWrapText(true);
        add("Port", new VBox(6, new HBox(8, port, button("Save", "settings-port-save", this::savePort)), portNote));

        add("Share on my network", shareToggle());
        add("Start at login", loginToggle());

        theme.setId("theme-choice");
        theme.getItems().setAll(Theme.values());
        theme.setValue(prefs.theme());
        theme.valueProperty().addListener((o, was, now) -> choose(now));
        add("Theme", theme);

        domain.setId("settings-domain");
        domain.setWrapText(true);
        add("Domain and HTTPS", domain);
        backups.setId("settings-backups");
        backups.setWrapText(true);
        add("Backups", backups);

        PasswordField password = new PasswordField();
        password.setId("settings-password");
        password.setPromptText("new password");
        PasswordField again = new PasswordField();
        again.setId("settings-password-again");
        again.setPromptText("the same again");
        add("Owner password", new HBox(8, password, again,
                button("Change", "settings-password-save", () -> changePassword(password, again))));

        add("Web dashboard", button("Open web dashboard", "open-dashboard", () -> Browser.open(session.dashboardUrl())));

        Label heading = new Label("Settings of this computer");
        heading.getStyleClass().add(Styles.TITLE_4);
        VBox content = new VBox(16, heading, grid, message);
        content.setPadding(new Insets(16));
        setContent(content);
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private void add(String name, javafx.scene.Node control) {
        Label l = new Label(name);
        l.getStyleClass().add(Styles.TEXT_BOLD);
        l.setMinWidth(Label.USE_PREF_SIZE);
        grid.addRow(row++, l, control);
    }

    private CheckBox shareToggle() {
        CheckBox share = new CheckBox("Listen on this computer's network addresses too, not only on localhost");
        share.setId("share-toggle");
        share.setWrapText(true);
        share.setSelected(session.shared());
        share.setOnAction(e -> {
            boolean wanted = share.isSelected(); // read on the window's thread, not the job's
            Jobs.run(() -> {
                session.share(wanted);
                return null;
            }, v -> onShareChanged.run(), m -> {
                share.setSelected(session.shared());
                message.setText(m);
            });
        });
        return share;
    }

    private CheckBox loginToggle() {
        CheckBox login = new CheckBox(StartAtLogin.available() ? "Start fazt in the background when I sign in"
                : "Start fazt when I sign in (offered by the installed app)");
        login.setId("login-toggle");
        login.setWrapText(true);
        login.setDisable(!StartAtLogin.available());
        login.setSelected(StartAtLogin.enabled());
        login.setOnAction(e -> {
            try {
                StartAtLogin.set(login.isSelected());
            } catch (RuntimeException ex) {
                login.setSelected(StartAtLogin.enabled());
                message.setText(Jobs.message(ex));
            }
        });
        return login;
    }

    /** Reads this computer's settings again (when the section shows, and after a change from elsewhere). */
    void refresh() {
        if (theme.getValue() != prefs.theme()) theme.setValue(prefs.theme()); // chosen elsewhere (another window of this person)
        Jobs.run(() -> session.localNode().config(), this::showConfig, message::setText);
        Jobs.run(() -> session.fazt().scheduledBackups().status(), s -> backups.setText(s.summary(ByteSize::text)), backups::setText);
        Jobs.run(this::httpsText, domain::setText, domain::setText);
    }

    private void showConfig(Map<String, String> config) {
        if (!port.isFocused()) port.setText(config.getOrDefault("port", ""));
        portNote.setText("Serving on port " + session.server().port() + " now; a new port applies at the next start.");
    }

    private String httpsText() {
        Map<String, String> config = session.localNode().config();
        String name = config.getOrDefault("domain", "");
        Health.Certificates summary = session.localNode().health().certificates();
        String https = HttpsIndicator.isOn(summary) ? HttpsIndicator.describe(summary, session.localNode().certificates()).text()
                : "HTTPS: off";
        return (name.isBlank() ? "No domain set (apps answer on localhost)" : "Domain: " + name) + " · " + https;
    }

    private void savePort() {
        String wanted = port.getText().trim();
        Jobs.run(() -> {
            session.localNode().setConfig("port", wanted);
            return null;
        }, v -> {
            message.setText("Port " + wanted + " saved: it applies at the next start.");
            refresh();
        }, message::setText);
    }

    private void choose(Theme theme) {
        if (theme == null) return;
        prefs.theme(theme);
        Theme.applyAndFollow(prefs);
        message.setText("Theme: " + theme + ".");
    }

    private void changePassword(PasswordField password, PasswordField again) {
        String wanted = password.getText();
        if (!wanted.equals(again.getText())) {
            message.setText("The two passwords differ: type the same one twice.");
            return;
        }
        Jobs.run(() -> session.localNode().setOwnerCredentials(null, wanted), set -> {
            password.clear();
            again.clear();
            message.setText("Password changed for " + set.username() + (set.sessionsEnded() > 0
                    ? "; " + set.sessionsEnded() + " signed-in session(s) ended." : "."));
        }, message::setText);
    }

    /** Opens the folder holding data.db in the system's file manager. */
    private void showDataFolder() {
        File folder = new File(session.dataPath()).getAbsoluteFile().getParentFile();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
                    Desktop.getDesktop().open(folder);
                    return;
                }
                String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
                String opener = os.contains("mac") ? "open" : os.contains("win") ? "explorer" : "xdg-open";
                new ProcessBuilder(opener, folder.toString()).inheritIO().start();
            } catch (Exception e) {
                log.warn("could not show {}: {}", folder, e.getMessage());
            }
        });
        message.setText("Opening " + folder + " …");
    }

    Label message() {
        return message;
    }
}
