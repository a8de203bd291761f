package fazt.desktop;

import fazt.core.Health;
import fazt.desktop.views.ByteSize;
import fazt.core.js.JsEngine;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.text.Text;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * URLs, JS engine mode, the managed node's HTTPS state (when it is on), scheduled backups and the
 * serving state with Pause/Resume (the managed instance is in the top bar, the data path and the
 * switches in Settings). When the window is narrow, the LAN addresses shown while shared give
 * way, their tooltip keeping them whole; the other items are never cut off. Hovering the serving state shows this
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
    private final Tooltip errorTooltip = new Tooltip();

    StatusBar(DesktopSession session) {
        this.session = session;
        setId("status-bar");
        getStyleClass().add("status-bar");
        setSpacing(12);
        setPadding(new Insets(4, 8, 4, 8));
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
        error.getStyleClass().add("error");
        error.setTooltip(errorTooltip);
        error.textProperty().addListener((o, was, now) -> errorTooltip.setText(now));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HttpsIndicator https = new HttpsIndicator(session);
        BackupIndicator backups = new BackupIndicator(session.fazt().scheduledBackups());
        getChildren().addAll(urls, engine, https, backups, grow, error, state, pause);
        for (Region fixed : List.of(engine, state, pause)) fixed.setMinWidth(Region.USE_PREF_SIZE);
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

    /** Shows the URLs and the serving state again (after a pause, or when sharing is switched). */
    void update() {
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
