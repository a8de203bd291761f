package fazt.desktop;

import fazt.core.Health;
import fazt.desktop.views.ByteSize;
import fazt.core.js.JsEngine;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.text.Text;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * Data path, URLs, JS engine mode, the managed node's HTTPS state (when it is on) and serving
 * state, with the Pause/Resume, "Share on my network" and "Start at login" switches. When the
 * window is narrow, the data path (and the LAN addresses while shared) give way, their tooltips
 * keeping them whole; the other items are never cut off. Hovering the serving state shows this
 * computer's resident memory and uptime, read from its health when the tooltip opens.
 */
final class StatusBar extends HBox {
    private final DesktopSession session;
    private final Label urls = new Label();
    private final Tooltip urlsTooltip = new Tooltip();
    private final Label state = new Label();
    private final Tooltip footprint = new Tooltip("reading this computer's memory …");
    private final Button pause = new Button();
    private final Label error = new Label();

    StatusBar(DesktopSession session) {
        this.session = session;
        setId("status-bar");
        getStyleClass().add("status-bar");
        setSpacing(12);
        setPadding(new Insets(4, 8, 4, 8));
        Label managing = new Label("managing: " + session.managedLabel());
        managing.setId("status-managing");
        session.onManagedChange(() -> managing.setText("managing: " + session.managedLabel()));
        Label data = new Label("data: " + session.dataPath());
        data.setId("status-data");
        data.setTooltip(new Tooltip(session.dataPath()));
        urls.setId("status-urls");
        urls.setTooltip(urlsTooltip);
        Label engine = new Label("JS: …");
        engine.setId("status-engine");
        // as wide as the mode it will show, so nothing beside it moves when the mode arrives
        engine.setMinWidth(Math.max(textWidth("JS: " + JsEngine.JIT, engine), textWidth("JS: Interpreted", engine)) + 4);
        Jobs.run(session::jsEngine, mode -> engine.setText("JS: " + mode), m -> engine.setText("JS: " + m));
        state.setId("status-state");
        state.setTooltip(footprint);
        footprint.setId("status-memory");
        footprint.setOnShowing(e -> Jobs.run(() -> session.localNode().health(), h -> footprint.setText(footprintText(h)),
                footprint::setText));
        pause.setId("pause-button");
        pause.setOnAction(e -> togglePause());
        CheckBox share = new CheckBox("Share on my network");
        share.setId("share-toggle");
        share.setSelected(session.shared());
        share.setOnAction(e -> {
            boolean wanted = share.isSelected(); // read on the window's thread, not the job's
            Jobs.run(() -> {
                session.share(wanted);
                return null;
            }, v -> update(), m -> {
                share.setSelected(session.shared());
                error.setText(m);
            });
        });
        CheckBox login = new CheckBox("Start at login");
        login.setId("login-toggle");
        login.setDisable(!StartAtLogin.available());
        login.setSelected(StartAtLogin.enabled());
        login.setOnAction(e -> {
            try {
                StartAtLogin.set(login.isSelected());
            } catch (RuntimeException ex) {
                login.setSelected(StartAtLogin.enabled());
                error.setText(Jobs.message(ex));
            }
        });
        error.getStyleClass().add("error");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HttpsIndicator https = new HttpsIndicator(session);
        BackupIndicator backups = new BackupIndicator(session.fazt().scheduledBackups());
        getChildren().addAll(managing, data, urls, engine, https, backups, grow, error, share, login, state, pause);
        for (Region fixed : List.of(managing, engine, share, login, state, pause)) fixed.setMinWidth(Region.USE_PREF_SIZE);
        update();
    }

    static String footprintText(Health health) {
        Health.Memory memory = health.memory();
        return "This computer's fazt: " + ByteSize.text(memory.rssBytes()) + " resident (heap " + ByteSize.text(memory.heapUsedBytes())
                + " in use), up " + Math.round(health.uptimeSeconds() / 60.0) + " min";
    }

    private void togglePause() {
        Jobs.run(() -> {
            if (session.server().paused()) session.server().resume();
            else session.server().pause();
            return null;
        }, v -> update(), error::setText);
    }

    private void update() {
        urls.setText(String.join("  ", session.urls()));
        urlsTooltip.setText(String.join("\n", session.urls()));
        // the one loopback URL is never cut off; the LAN addresses shown while sharing may be
        urls.setMinWidth(session.shared() ? Region.USE_COMPUTED_SIZE : Region.USE_PREF_SIZE);
        boolean paused = session.server().paused();
        state.setText(paused ? "paused" : "serving");
        pause.setText(paused ? "Resume" : "Pause");
    }

    private static double textWidth(String text, Label like) {
        Text t = new Text(text);
        t.setFont(like.getFont());
        return t.getLayoutBounds().getWidth();
    }
}
