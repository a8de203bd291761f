package fazt.desktop;

import static fazt.desktop.WindowUnderTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.Fazt;
import fazt.core.tls.TestCertificates;
import fazt.server.FaztServer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.layout.HBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * The status bar's HTTPS word over a real instance whose data.db says {@code https manual} (its
 * HTTPS listener on a free port): a certificate imported shows "ok", an order marked failed in the
 * engine shows "failed" with the CA's reason in the tooltip, turning HTTPS off hides it, and a
 * managed peer's failures show the same way over its change stream.
 */
class HttpsIndicatorTest extends WindowTest {
    private static final String REASON = "the CA could not validate blog.fazt.test: connection refused";
    private Stage stage;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        open(stage, Map.of("https", "manual", "domain", "fazt.test"));
    }

    private static Label https(FxRobot robot) {
        return robot.lookup("#status-https").queryAs(Label.class);
    }

    /** The words as drawn: shorter than the label's text (ending in "…") when the label was cut off. */
    private static String drawn(Labeled l) {
        Text text = (Text) l.lookup(".text");
        return text == null ? "" : text.getText();
    }

    @Test
    void anImportedCertificateIsOkAndAFailedOrderWinsWithItsReason(FxRobot robot) throws Exception {
        waitFor(() -> https(robot).isVisible() && https(robot).getText().equals("HTTPS: no certificates"));
        TestCertificates ca = new TestCertificates(Files.createDirectories(dir.resolve("ca")));
        TestCertificates.Pem pem = ca.issue("www.fazt.test");
        session.localNode().importCertificate(pem.chain(), pem.key());
        waitFor(() -> https(robot).getText().equals("HTTPS: 1 certificate ok"));
        assertThat(https(robot).getStyleClass()).contains("https-ok").doesNotContain("error");
        assertThat(https(robot).getTooltip().getText()).contains("https manual: 1 ok, 0 pending, 0 failed").contains("www.fazt.test (manual, until ");

        session.fazt().certificates().markFailed("blog.fazt.test", REASON);
        waitFor(() -> https(robot).getText().equals("HTTPS: 1 failed"));
        assertThat(https(robot).getStyleClass()).contains("https-failed", "error");
        assertThat(https(robot).getTooltip().getText()).contains("Failed:\n  blog.fazt.test: " + REASON).contains("Served:\n  www.fazt.test");
    }

    @Test
    void atTheDefaultWindowSizeNothingInTheStatusBarIsCutOffButTheDataPath(FxRobot robot) throws Exception {
        session.fazt().certificates().markFailed("blog.fazt.test", REASON);
        waitFor(() -> https(robot).getText().equals("HTTPS: 1 failed"));
        robot.interact(() -> {
            stage.setWidth(MainWindow.DEFAULT_WIDTH);
            stage.setHeight(MainWindow.DEFAULT_HEIGHT);
        });
        waitFor(() -> window.getWidth() == MainWindow.DEFAULT_WIDTH);
        robot.interact(window::layout);
        HBox bar = robot.lookup("#status-bar").queryAs(HBox.class);
        assertThat(bar.getChildren().stream().filter(n -> n instanceof Labeled).map(n -> (Labeled) n)
                .filter(l -> !"status-data".equals(l.getId()) && !l.getText().isEmpty()))
                .isNotEmpty()
                .allSatisfy(l -> assertThat(drawn(l)).as(l.getId()).isEqualTo(l.getText()));
        assertThat(drawn(https(robot))).isEqualTo("HTTPS: 1 failed");
    }

    @Test
    void turningHttpsOffHidesItAndOnShowsItAgain(FxRobot robot) throws Exception {
        waitFor(() -> https(robot).isVisible());
        session.localNode().setConfig("https", "off");
        waitFor(() -> !https(robot).isVisible());
        assertThat(https(robot).isManaged()).as("no gap is left where it was").isFalse();
        session.localNode().setConfig("https", "manual");
        waitFor(() -> https(robot).isVisible());
        assertThat(https(robot).getText()).isEqualTo("HTTPS: no certificates");
        assertThat(https(robot).getTooltip().getText()).contains("None imported: 'fazt server set-cert' brings one.");
    }

    @Test
    void aManagedPeersFailedOrdersShowAsTheyHappen(FxRobot robot) throws Exception {
        try (Fazt peer = Fazt.open(dir.resolve("peer/data.db"), Map.of("https", "manual", "https_port", "0", "domain", "fazt.test"),
                Map.of());
                FaztServer peerHttp = new FaztServer(peer, "127.0.0.1", 0).start()) {
            peer.certificates().markFailed("blog.fazt.test", REASON);
            session.fazt().peerLinking().link("home", "http://127.0.0.1:" + peerHttp.port(), peer.pairing().mint().code());
            assertThat(session.managePeer(session.requestSwitch(), "home")).isTrue();
            waitFor(() -> https(robot).getText().equals("HTTPS: 1 failed") && https(robot).getTooltip().getText().contains(REASON));
            assertThat(https(robot).getTooltip().getText()).startsWith("https manual: 0 ok, 0 pending, 1 failed").contains(REASON);

            peer.certificates().markFailed("shop.fazt.test", "the CA refused the order for shop.fazt.test (rate limited)");
            // the label's text and its tooltip change in one step on the FX thread: wait for the step, not half of it
            waitFor(() -> https(robot).getText().equals("HTTPS: 2 failed")
                    && https(robot).getTooltip().getText().contains("shop.fazt.test: the CA refused the order"));
            assertThat(https(robot).getTooltip().getText()).contains("shop.fazt.test: the CA refused the order for shop.fazt.test (rate limited)");

            session.manageLocal();
            waitFor(() -> https(robot).getText().equals("HTTPS: no certificates"));
        }
    }
}
