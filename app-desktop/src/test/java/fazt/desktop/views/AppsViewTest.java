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

/** The Apps view in the real window: rolling back from its versions list, its visits chart, its live connection counts (more in AppRowsTest). */
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

        waitFor(() -> window.apps().list().getItems().stream().anyMatch(a -> a.name().equals("blog")));
        robot.interact(() -> window.apps().list().getSelectionModel().select(
                window.apps().list().getItems().stream().filter(a -> a.name().equals("blog")).findFirst().orElseThrow()));
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
        waitFor(() -> window.apps().list().getItems().stream().anyMatch(a -> a.name().equals("visited")));
        robot.interact(() -> window.apps().list().getSelectionModel().select(
                window.apps().list().getItems().stream().filter(a -> a.name().equals("visited")).findFirst().orElseThrow()));
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
        waitFor(() -> window.apps().list().getItems().stream().anyMatch(a -> a.name().equals("cron")));
        robot.interact(() -> window.apps().list().getSelectionModel().select(
                window.apps().list().getItems().stream().filter(a -> a.name().equals("cron")).findFirst().orElseThrow()));
        javafx.scene.control.ListView<fazt.core.schedules.ScheduleInfo> jobs = robot.lookup("#schedules-list").queryListView();
        waitFor(() -> jobs.getItems().size() == 1);
        assertThat(SchedulesPane.line(jobs.getItems().getFirst())).startsWith("/api/cron/digest  0 0 1 1 * Europe/Paris\nnever ran · next ");
    }

    @Test
    void theLiveCountOfARowCountsTheAppsOpenConnections(FxRobot robot) throws Exception {
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
            return window.apps().list().getItems().stream().anyMatch(a -> a.name().equals("chat") && a.connections() == 2);
        });
        // the chat row, drawn from that refresh, says so
        waitFor(() -> window.apps().card("chat") != null && window.apps().card("chat").app().connections() == 2);
        assertThat(window.apps().card("chat").liveText()).isEqualTo("2 live");
        for (java.net.http.WebSocket w : open) w.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    @Test
    void newAppCreatesAnAppFromATemplate(FxRobot robot) throws Exception {
        robot.clickOn("#new-app");
        javafx.scene.control.DialogPane dialog = robot.lookup("#new-app-dialog").queryAs(javafx.scene.control.DialogPane.class);
        robot.clickOn("#new-app-name").write("groceries");
        javafx.scene.control.ComboBox<fazt.core.templates.Templates.Template> template = robot.lookup("#new-app-template").queryComboBox();
        robot.interact(() -> template.getSelectionModel().select(
                template.getItems().stream().filter(t -> t.name().equals("api")).findFirst().orElseThrow()));
        robot.clickOn(dialog.lookupButton(NewAppDialog.CREATE));
        waitFor(() -> appsMessage(robot).startsWith("Created groceries from the api template at http://groceries.localhost:"));
        assertThat(get("groceries.localhost", "/").body()).contains("<h1>groceries</h1>");
        assertThat(get("groceries.localhost", "/app.js").body()).contains("api/items");
        waitFor(() -> window.apps().list().getItems().stream().anyMatch(a -> a.name().equals("groceries")));
    }

    @Test
    void aDroppedFolderIsCheckedFirstAndSaysWhatItLeftOut(FxRobot robot) throws Exception {
        java.nio.file.Path broken = dir.resolve("src/broken");
        Files.createDirectories(broken.resolve("api"));
        Files.writeString(broken.resolve("index.html"), "x");
        Files.writeString(broken.resolve("api/main.js"), "respond(1, \n");
        drop(robot, broken);
        waitFor(() -> appsMessage(robot).contains("api/main.js:1: SyntaxError"));
        assertThat(get("broken.localhost", "/").statusCode()).as("nothing was deployed").isEqualTo(404);

        Files.writeString(broken.resolve("api/main.js"), "respond(1)\n");
        Files.writeString(broken.resolve(".env"), "SECRET=1");
        drop(robot, broken);
        waitFor(() -> appsMessage(robot).startsWith("Published broken version 1"));
        assertThat(appsMessage(robot)).endsWith("skipped 1 file or folder (not deployed): .env");
    }
}
