package fazt.desktop;

import fazt.core.Fazt;
import fazt.desktop.shell.DesktopPrefs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.prefs.Preferences;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window over a real engine and server on a new data.db in a temporary folder (headless
 * with Monocle), shared by the tests of the window and of its views: what a person does in the
 * window is checked over HTTP, the way a browser would see it.
 */
public final class WindowUnderTest implements AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path dir;
    private final DesktopSession session;
    private final MainWindow window;
    /** The person's preferences for this window only (theme, placement), forgotten at {@link #close}. */
    private final DesktopPrefs prefs = new DesktopPrefs(Preferences.userRoot().node("fazt-test/" + UUID.randomUUID()));

    /** Opens the session and shows the window (without a tray) on {@code stage}; call it from a {@code @Start} method. */
    public WindowUnderTest(Stage stage) throws IOException {
        this(stage, Map.of());
    }

    /**
     * As above, on a data.db holding {@code settings} from an earlier run (as {@code fazt server
     * set-config} stores them), so the window can change them; the ports are free ones.
     */
    public WindowUnderTest(Stage stage, Map<String, String> settings) throws IOException {
        dir = Files.createTempDirectory("fazt-desktop-test");
        if (!settings.isEmpty()) {
            try (Fazt earlier = Fazt.open(dir.resolve("data.db"), Map.of())) {
                earlier.config().storeAll(settings);
            }
        }
        session = DesktopSession.open(dir.resolve("data.db"), Map.of("port", "0", "https_port", "0"));
        if (javafx.application.Application.getUserAgentStylesheet() == null) { // the theme the views' colours come from, once per run
            javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        }
        window = new MainWindow(session, false, prefs);
        stage.setScene(new Scene(window, 1100, 700));
        stage.show();
    }

    public DesktopPrefs prefs() {
        return prefs;
    }

    public Path dir() {
        return dir;
    }

    public DesktopSession session() {
        return session;
    }

    public MainWindow window() {
        return window;
    }

    /** A folder to drop: an index.html and, when {@code mainJs} is given, a function. */
    public Path site(String name, String index, String mainJs) throws IOException {
        Path d = dir.resolve("src").resolve(name);
        Files.createDirectories(d);
        Files.writeString(d.resolve("index.html"), index);
        if (mainJs != null) {
            Files.createDirectories(d.resolve("api"));
            Files.writeString(d.resolve("api/main.js"), mainJs);
        }
        return d;
    }

    /** A request to this instance's server as a browser on this machine sends it, with the Host {@code host}. */
    public HttpResponse<String> get(String host, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + session.server().port() + path))
                .header("Host", host).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
    }

    /** Drops files on the window, as a person dragging them there does. */
    public void drop(FxRobot robot, Path... paths) {
        robot.interact(() -> window.drop(Arrays.stream(paths).map(Path::toFile).toList()));
    }

    /** What the Apps view last said (published, failed, rolled back). */
    public static String appsMessage(FxRobot robot) {
        return robot.lookup("#apps-message").queryAs(Label.class).getText();
    }

    /** Stops serving, closes data.db and deletes the temporary folder; call it from an {@code @AfterEach} method. */
    @Override
    public void close() throws IOException {
        session.close();
        prefs.remove();
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
