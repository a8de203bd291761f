package fazt.desktop.views;

import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;

/**
 * The row above the apps while a deploy runs: what it is doing (a build script's lines, then
 * "Publishing …"), how much of the bundle was sent, and Cancel. Hidden, taking no room, otherwise.
 */
final class DeployProgress extends HBox {
    private final ProgressBar bar = new ProgressBar();
    private final Label text = new Label();
    private final Button cancel = new Button("Cancel");
    private Task<?> running;

    DeployProgress() {
        getStyleClass().add("progress-row");
        getChildren().addAll(text, bar, cancel);
        bar.setId("deploy-progress");
        cancel.setId("deploy-cancel");
        cancel.setOnAction(e -> {
            if (running != null) running.cancel();
        });
        shown(false);
    }

    /** Shows the row with {@code line} and a bar that moves without knowing how much is left. */
    void start(String line) {
        text.setText(line);
        bar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        shown(true);
    }

    void say(String line) {
        text.setText(line);
    }

    void sent(long sent, long total) {
        bar.setProgress(total == 0 ? 1 : (double) sent / total);
    }

    /** The deploy that Cancel stops; when it is cancelled the row hides and {@code cancelled} runs. */
    void follow(Task<?> task, Runnable cancelled) {
        running = task;
        task.setOnCancelled(e -> {
            shown(false);
            cancelled.run();
        });
    }

    void done() {
        shown(false);
    }

    private void shown(boolean on) {
        setVisible(on);
        setManaged(on);
    }
}
