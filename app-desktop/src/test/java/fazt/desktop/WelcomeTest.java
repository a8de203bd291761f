package fazt.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The first run on a new data.db: a generated owner password, shown once with a copy button. */
@ExtendWith(ApplicationExtension.class)
class WelcomeTest {
    private Path dir;
    private DesktopSession session;
    private Stage stage;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        dir = Files.createTempDirectory("fazt-welcome-test");
        session = DesktopSession.open(dir.resolve("data.db"), 0);
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 400, 300));
        stage.show();
    }

    @AfterEach
    void stop() throws IOException {
        session.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void showsTheGeneratedPasswordOnceAndCopiesIt(FxRobot robot) throws Exception {
        String password = session.generatedPassword().orElseThrow();
        assertThat(session.fazt().owner().verify("admin", password)).isTrue();
        robot.interact(() -> Welcome.show(stage, session));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#owner-password").tryQuery().isPresent());
        assertThat(robot.lookup("#owner-password").queryAs(TextField.class).getText()).isEqualTo(password);
        robot.clickOn("#copy-password");
        WaitForAsyncUtils.waitForFxEvents();
        String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get(5, TimeUnit.SECONDS);
        assertThat(copied).isEqualTo(password);
    }

    @Test
    void theDashboardLinkSignsTheOwnerInOnce() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI link = URI.create(session.dashboardUrl().replace("localhost", "127.0.0.1"));
        HttpResponse<String> first = http.send(HttpRequest.newBuilder(link).header("Host", "localhost").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(302);
        String cookie = first.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
        HttpResponse<String> apps = http.send(HttpRequest.newBuilder(link.resolve("/api/apps")).header("Host", "localhost")
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(apps.statusCode()).isEqualTo(200);
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(link).header("Host", "localhost").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(403);
    }
}
