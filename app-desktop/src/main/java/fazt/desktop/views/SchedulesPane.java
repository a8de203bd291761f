package fazt.desktop.views;

import fazt.core.schedules.ScheduleInfo;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

/** The scheduled jobs of the selected app's active version, each with its last and next run. */
final class SchedulesPane extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final Label title = new Label("Schedules");
    private final ListView<ScheduleInfo> list = new ListView<>();

    SchedulesPane() {
        setId("schedules-pane");
        setSpacing(6);
        setPrefWidth(240);
        list.setId("schedules-list");
        list.setPrefHeight(120);
        list.setPlaceholder(new Label("No scheduled jobs"));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ScheduleInfo item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : line(item));
            }
        });
        getChildren().addAll(title, list);
    }

    /** The path, the cron and a time zone other than UTC; below, the last run's outcome and the next run. */
    static String line(ScheduleInfo job) {
        String last = job.running() ? "running" : job.lastRunAt() == null ? "never ran"
                : "last " + TIME.format(Instant.ofEpochMilli(job.lastRunAt())) + " " + job.lastOutcome();
        String next = job.nextRunAt() == null ? "no next run" : "next " + TIME.format(Instant.ofEpochMilli(job.nextRunAt()));
        return job.path() + "  " + job.cron() + (job.tz().equals("UTC") ? "" : " " + job.tz()) + "\n" + last + " · " + next;
    }

    void show(String appName, List<ScheduleInfo> jobs) {
        title.setText(appName == null ? "Schedules" : "Schedules of " + appName);
        list.getItems().setAll(jobs);
    }

    ListView<ScheduleInfo> list() {
        return list;
    }
}
