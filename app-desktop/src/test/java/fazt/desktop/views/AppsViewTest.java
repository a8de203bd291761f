package fazt.desktop.views;

import static fazt.desktop.WindowUnderTest.appsMessage;
import static fazt.desktop.WindowUnderTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.desktop.WindowTest;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** The Apps view in the real window: rolling back from its versions list, its visits chart, its live connection counts. */
class AppsViewTest extends WindowTest {
    @Start
    void start(Stage stage) throws IOException {
        open(stage);
    }

    @Test
    void rollbackFromTheAppsViewChangesWhatHttpServes(FxRobot robot) throws Exception {
        drop(robot, site("blog", "one", null));
        waitFor(() -> appsMessage(robot).contains("version 1"));
        Files.writeString(dir.resolve("src/blog/index.html"), "two");
        drop(robot, dir.resolve("src/blog"));
        waitFor(() -> appsMessage(robot).contains("version 2"));
        assertThat(get("blog.localhost", "/").body()).isEqualTo("two");

        waitFor(() -> window.apps().table().getItems().stream().anyMatch(a -> a.name().equals("blog")));
        robot.interact(() -> window.apps().table().getSelectionModel().select(
                window.apps().table().getItems().stream().filter(a -> a.name().equals("blog")).findFirst().orElseThrow()));
        javafx.scene.control.ListView<fazt.core.apps.VersionInfo> versions = robot.lookup("#versions-list").queryListView();
        waitFor(() -> versions.getItems().size() == 2);
        robot.interact(() -> versions.getSelectionModel().select(1)); // newest first: index 1 is version 1
        robot.clickOn("#rollback-button");
        waitFor(() -> appsMessage(robot).equals("blog now serves version 1"));
        assertThat(get("blog.localhost", "/").body()).isEqualTo("one");
    }

    @Test
    void theVisitsChartShowsPageviewsOfTheSelectedApp(FxRobot robot) throws Exception {
        drop(robot, site("visited", "<h1>visited</h1>", null));
        waitFor(() -> appsMessage(robot).startsWith("Published visited"));
        for (int i = 0; i < 3; i++) assertThat(get("visited.localhost", "/").statusCode()).isEqualTo(200);
        waitFor(() -> window.apps().table().getItems().stream().anyMatch(a -> a.name().equals("visited")));
        robot.interact(() -> window.apps().table().getSelectionModel().select(
                window.apps().table().getItems().stream().filter(a -> a.name().equals("visited")).findFirst().orElseThrow()));
        waitFor(() -> {
            List<Long> days = window.apps().visits().pageviewCounts();
            return days.size() == 30 && days.get(29) == 3;
        });
        assertThat(robot.lookup("#visits-chart").tryQuery()).isPresent();
    }

    @Test
    void theSelectedAppsScheduledJobsAreListed(FxRobot robot) throws Exception {
        java.nio.file.Path site = site("cron", "cron", "({scheduled: request.scheduled})");
        Files.writeString(site.resolve("manifest.json"),
                "{\"name\": \"cron\", \"schedules\": [{\"cron\": \"0 0 1 1 *\", \"path\": \"/api/cron/digest\", \"tz\": \"Europe/Paris\"}]}");
        drop(robot, site);
        waitFor(() -> !appsMessage(robot).isEmpty());
        assertThat(appsMessage(robot)).startsWith("Published cron");
        waitFor(() -> window.apps().table().getItems().stream().anyMatch(a -> a.name().equals("cron")));
        robot.interact(() -> window.apps().table().getSelectionModel().select(
                window.apps().table().getItems().stream().filter(a -> a.name().equals("cron")).findFirst().orElseThrow()));
        javafx.scene.control.ListView<fazt.core.schedules.ScheduleInfo> jobs = robot.lookup("#schedules-list").queryListView();
        waitFor(() -> jobs.getItems().size() == 1);
        assertThat(SchedulesPane.line(jobs.getItems().getFirst())).startsWith("/api/cron/digest  0 0 1 1 * Europe/Paris\nnever ran · next ");
    }

    @Test
    void theLiveColumnCountsTheAppsOpenConnections(FxRobot robot) throws Exception {
        drop(robot, site("chat", "<h1>chat</h1>", null));
        waitFor(() -> appsMessage(robot).startsWith("Published chat"));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        int port = session.server().port();
        List<java.net.http.WebSocket> open = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            open.add(http.newWebSocketBuilder().header("Host", "chat.localhost:" + port)
                    .buildAsync(java.net.URI.create("ws://127.0.0.1:" + port + "/_ws"), new java.net.http.WebSocket.Listener() {}).join());
        }
        waitFor(() -> {
            robot.clickOn("#refresh-apps");
            return window.apps().table().getItems().stream().anyMatch(a -> a.name().equals("chat") && a.connections() == 2);
        });
        javafx.scene.control.TableColumn<fazt.core.apps.AppInfo, ?> live = window.apps().table().getColumns().stream()
                .filter(c -> c.getText().equals("Live")).findFirst().orElseThrow();
        int row = window.apps().table().getItems().indexOf(window.apps().table().getItems().stream()
                .filter(a -> a.name().equals("chat")).findFirst().orElseThrow());
        assertThat(live.getCellData(row)).isEqualTo("2");
        for (java.net.http.WebSocket w : open) w.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "bye").join();
    }
}
