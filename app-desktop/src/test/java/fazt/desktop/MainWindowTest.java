package fazt.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.desktop.views.LogsView;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window over a real engine and server (headless with Monocle): what a person does in the
 * window is checked over HTTP, the way a browser would see it.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Path dir;
    private DesktopSession session;
    private MainWindow window;

    @Start
    void start(Stage stage) throws IOException {
        dir = Files.createTempDirectory("fazt-desktop-test");
        session = DesktopSession.open(dir.resolve("data.db"), 0);
        window = new MainWindow(session, false);
        stage.setScene(new Scene(window, 1100, 700));
        stage.show();
    }

    @AfterEach
    void stop() throws IOException {
        session.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private Path site(String name, String index, String mainJs) throws IOException {
        Path d = dir.resolve("src").resolve(name);
        Files.createDirectories(d);
        Files.writeString(d.resolve("index.html"), index);
        if (mainJs != null) {
            Files.createDirectories(d.resolve("api"));
            Files.writeString(d.resolve("api/main.js"), mainJs);
        }
        return d;
    }

    private HttpResponse<String> get(String host, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + session.server().port() + path))
                .header("Host", host).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
    }

    private void drop(FxRobot robot, Path... paths) throws Exception {
        robot.interact(() -> window.drop(java.util.Arrays.stream(paths).map(Path::toFile).toList()));
    }

    private String appsMessage(FxRobot robot) {
        return robot.lookup("#apps-message").queryAs(Label.class).getText();
    }

    @Test
    void droppingAFolderDeploysItAndItServes(FxRobot robot) throws Exception {
        drop(robot, site("dropped", "<h1>dropped</h1>", null));
        waitFor(() -> appsMessage(robot).startsWith("Published dropped version 1"));
        assertThat(get("dropped.localhost", "/").body()).isEqualTo("<h1>dropped</h1>");
        waitFor(() -> window.apps().table().getItems().stream().anyMatch(a -> a.name().equals("dropped")));
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
    void anAliasSetInTheViewRoutesOverHttp(FxRobot robot) throws Exception {
        drop(robot, site("shop", "<p>shop</p>", null));
        waitFor(() -> appsMessage(robot).startsWith("Published shop"));
        robot.clickOn("#tab-aliases");
        robot.clickOn("#alias-subdomain").write("store");
        robot.clickOn("#alias-target").write("shop");
        robot.clickOn("#alias-set");
        waitFor(() -> robot.lookup("#aliases-message").queryAs(Label.class).getText().startsWith("store now points to shop"));
        assertThat(get("store.localhost", "/").body()).isEqualTo("<p>shop</p>");
        waitFor(() -> window.aliases().table().getItems().stream().anyMatch(a -> a.subdomain().equals("store")));
    }

    @Test
    void aConsoleLogInAFunctionShowsUpInTheLogsView(FxRobot robot) throws Exception {
        drop(robot, site("talk", "x", "console.log('hello from the function', request.query.n); respond({ok: true})"));
        waitFor(() -> appsMessage(robot).startsWith("Published talk"));
        robot.clickOn("#tab-logs");
        assertThat(get("talk.localhost", "/api?n=42").statusCode()).isEqualTo(200);
        LogsView logs = window.logs();
        waitFor(() -> logs.shownText().stream().anyMatch(l -> l.contains("INFO  talk v1  hello from the function 42")));
        robot.interact(() -> logs.filter("talk", "error", null));
        assertThat(logs.shownText()).isEmpty();
        robot.interact(() -> logs.filter("talk", "info", "function 42"));
        assertThat(logs.shownText()).hasSize(1);
    }

    @Test
    void aBadZipShowsItsError(FxRobot robot) throws Exception {
        Path bad = dir.resolve("broken.zip");
        Files.writeString(bad, "this is not a zip at all");
        drop(robot, bad);
        waitFor(() -> appsMessage(robot).startsWith("Could not publish broken.zip"));
        assertThat(appsMessage(robot)).contains("not a zip").doesNotContain("Exception").doesNotContain("\tat ");
        Path evil = dir.resolve("evil.zip");
        Files.write(evil, fazt.core.Zips.of(java.util.Map.of("index.html", "x", "../../escape.txt", "y")));
        drop(robot, evil);
        waitFor(() -> appsMessage(robot).startsWith("Could not publish evil.zip"));
        assertThat(appsMessage(robot)).contains("'../../escape.txt'");
    }

    @Test
    void pauseStopsServingAndResumeRestoresIt(FxRobot robot) throws Exception {
        drop(robot, site("live", "up", null));
        waitFor(() -> appsMessage(robot).startsWith("Published live"));
        robot.clickOn("#pause-button");
        waitFor(() -> "paused".equals(robot.lookup("#status-state").queryAs(Label.class).getText()));
        try {
            get("live.localhost", "/");
            throw new AssertionError("the server answered while paused");
        } catch (ConnectException expected) {
            // the port is closed while paused
        }
        robot.clickOn("#pause-button");
        waitFor(() -> "serving".equals(robot.lookup("#status-state").queryAs(Label.class).getText()));
        assertThat(get("live.localhost", "/").body()).isEqualTo("up");
    }

    @Test
    void shareOnMyNetworkListensOnAllInterfacesAndBack(FxRobot robot) throws Exception {
        int port = session.server().port();
        robot.clickOn("#share-toggle");
        // the switch listens anew first and then remembers the choice: wait for both
        waitFor(() -> session.server().bindHost() == null && "true".equals(session.fazt().config().get("share_on_network")));
        assertThat(session.server().port()).isEqualTo(port);
        assertThat(get("localhost", "/health").body()).isEqualTo("OK");
        robot.clickOn("#share-toggle");
        waitFor(() -> "127.0.0.1".equals(session.server().bindHost())
                && "false".equals(session.fazt().config().get("share_on_network")));
        assertThat(get("localhost", "/health").body()).isEqualTo("OK");
    }

    @Test
    void theStatusBarShowsDataUrlsAndEngine(FxRobot robot) {
        assertThat(robot.lookup("#status-data").queryAs(Label.class).getText()).contains(dir.resolve("data.db").toString());
        assertThat(robot.lookup("#status-urls").queryAs(Label.class).getText()).contains("http://localhost:" + session.server().port());
        assertThat(robot.lookup("#status-engine").queryAs(Label.class).getText()).startsWith("JS: ");
        assertThat(robot.lookup("#no-tray-note").queryAs(Label.class).getText()).contains("closing the window quits");
        assertThat(List.of(session.server().bindHost())).containsExactly("127.0.0.1");
    }
}
