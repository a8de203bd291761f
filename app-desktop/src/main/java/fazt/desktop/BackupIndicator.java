package fazt.desktop;

import fazt.core.backup.BackupStatus;
import fazt.core.backup.ScheduledBackups;
import fazt.desktop.views.ByteSize;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * The status bar's word on this computer's scheduled backups: hidden while they are off,
 * "Backups on" before the first run of this process, "Backups ok" after a good run, "Backup failed" (in the error colour) after a failed one, with
 * the whole story (folder, period, last file or error, next run) in the tooltip. The engine says
 * when a run ends; the settings are read again every few seconds, so turning them on or off shows.
 */
final class BackupIndicator extends Label {
    private static final Duration REREAD = Duration.seconds(5);

    private final ScheduledBackups backups;
    private final Tooltip tooltip = new Tooltip();

    BackupIndicator(ScheduledBackups backups) {
        this.backups = backups;
        setId("status-backup");
        setMinWidth(Region.USE_PREF_SIZE);
        managedProperty().bind(visibleProperty());
        setVisible(false);
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(520);
        setTooltip(tooltip);
        Timeline reread = new Timeline(new KeyFrame(REREAD, e -> read()));
        reread.setCycleCount(Timeline.INDEFINITE);
        sceneProperty().addListener((o, was, now) -> {
            if (now == null) reread.stop();
            else reread.play();
        });
        backups.onRun(run -> javafx.application.Platform.runLater(this::read));
        read();
    }

    private void read() {
        Jobs.run(backups::status, this::show, tooltip::setText);
    }

    private void show(BackupStatus status) {
        boolean on = !status.every().equals("off");
        setVisible(on);
        setText(!on ? "" : status.failing() ? "Backup failed" : status.last() == null ? "Backups on" : "Backups ok");
        getStyleClass().remove("error");
        if (status.failing()) getStyleClass().add("error");
        tooltip.setText("Scheduled backups: " + status.summary(ByteSize::text));
    }
}
