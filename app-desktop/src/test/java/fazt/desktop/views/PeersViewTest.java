package fazt.desktop.views;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.Fazt;
import fazt.core.peers.Peer;
import fazt.desktop.DesktopSession;
import fazt.desktop.MainWindow;
import fazt.server.FaztServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
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
 * The Peers view with a second real instance (its own engine, data.db and server on another
 * port): link it with a code in the dialog, manage it, and a folder dropped on the window is
 * then served by the second instance.
 */
@ExtendWith(ApplicationExtension.class)
class PeersViewTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Path dir;
    private DesktopSession session;
    private MainWindow window;
    private Fazt server;
    private FaztServer serverHttp;
    private final fazt.desktop.shell.DesktopPrefs prefs = new fazt.desktop.shell.DesktopPrefs(
            java.util.prefs.Preferences.userRoot().node("fazt-test/" + java.util.UUID.randomUUID()));

    @Start
    void start(Stage stage) throws IOException {
        dir = Files.createTempDirectory("fazt-peers-view-test");
        session = DesktopSession.open(dir.resolve("laptop/data.db"), 0);
        server = Fazt.open(dir.resolve("server/data.db"), Map.of(), Map.of());
        serverHttp = new FaztServer(server, "127.0.0.1", 0).start();
        window = new MainWindow(session, false, prefs);
        stage.setScene(new Scene(window, 1100, 700));
        stage.show();
    }

    @AfterEach
    void stop() throws IOException {
        session.close();
        serverHttp.close();
        server.close();
        prefs.remove();
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private String serverUrl() {
        return "http://127.0.0.1:" + serverHttp.port();
    }

    private HttpResponse<String> getFromServer(String host, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(serverUrl() + path)).header("Host", host).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(javafx.scene.control.Labeled.class).getText();
    }

    private Path site(String name, String index) throws IOException {
        Path d = dir.resolve("src").resolve(name);
        Files.createDirectories(d);
        Files.writeString(d.resolve("index.html"), index);
        return d;
    }

    private void select(FxRobot robot, String peer) throws Exception {
        waitFor(() -> window.peers().table().getItems().stream().anyMatch(p -> p.name().equals(peer)));
        robot.interact(() -> window.peers().table().getSelectionModel().select(
                window.peers().table().getItems().stream().filter(p -> p.name().equals(peer)).findFirst().orElseThrow()));
    }

    @Test
    void linkAPeerInTheDialogManageItAndADropDeploysThere(FxRobot robot) throws Exception {
        String code = server.pairing().mint().code();
        robot.clickOn("#nav-peers");
        robot.clickOn("#link-peer");
        robot.clickOn("#peer-name").write("home");
        robot.clickOn("#peer-url").write(serverUrl());
        robot.clickOn("#peer-code").write(code.toLowerCase());
        robot.clickOn("#link-dialog-ok");
        waitFor(() -> text(robot, "#peers-message").startsWith("Linked home"));
        waitFor(() -> window.peers().table().getItems().stream().anyMatch(p -> p.name().equals("home") && Peer.ONLINE.equals(p.status())));
        assertThat(server.apiKeys().list()).anySatisfy(k -> assertThat(k.name()).startsWith("peer "));

        select(robot, "home");
        robot.clickOn("#manage-peer");
        waitFor(() -> text(robot, "#peers-message").startsWith("Managing peer home"));
        assertThat(text(robot, "#instance-switcher")).isEqualTo("peer home");
        assertThat(text(robot, "#managing-label")).endsWith("peer home");

        Path folder = site("remote", "<p>on the server</p>");
        robot.interact(() -> window.drop(List.of(folder.toFile())));
        waitFor(() -> text(robot, "#apps-message").startsWith("Published remote version 1"));
        assertThat(text(robot, "#apps-message")).contains("http://remote." + server.baseDomains().get(0) + ":" + serverHttp.port());
        assertThat(getFromServer("remote.localhost", "/").body()).isEqualTo("<p>on the server</p>");
        assertThat(session.fazt().apps().idForName("remote")).as("nothing landed on the laptop").isEmpty();
        waitFor(() -> window.apps().list().getItems().stream().anyMatch(a -> a.name().equals("remote")));

        robot.clickOn("#nav-peers");
        robot.clickOn("#manage-local");
        assertThat(text(robot, "#instance-switcher")).isEqualTo("This computer");
        waitFor(() -> window.apps().list().getItems().stream().noneMatch(a -> a.name().equals("remote")));

        select(robot, "home");
        robot.clickOn("#unlink-peer");
        DialogPane confirm = robot.lookup("#confirm-unlink").queryAs(DialogPane.class);
        Node ok = confirm.lookupButton(ButtonType.OK);
        robot.clickOn(ok);
        waitFor(() -> text(robot, "#peers-message").equals("Unlinked home; its key was revoked there."));
        assertThat(server.apiKeys().list()).noneMatch(k -> k.name().startsWith("peer "));
        assertThat(session.fazt().peers().list()).isEmpty();
    }

    @Test
    void aWrongCodeAndAnOfflinePeerShowTheirErrors(FxRobot robot) throws Exception {
        robot.clickOn("#nav-peers");
        robot.interact(() -> window.peers().link("home", serverUrl(), "AAAA-AAAA"));
        waitFor(() -> text(robot, "#peers-message").contains("refused the pairing code"));
        assertThat(text(robot, "#peers-message")).contains("no such pairing code");

        String code = server.pairing().mint().code();
        robot.interact(() -> window.peers().link("home", serverUrl(), code));
        waitFor(() -> text(robot, "#peers-message").startsWith("Linked home"));
        String url = serverUrl();
        serverHttp.close();
        robot.interact(() -> window.peers().manage("home"));
        waitFor(() -> text(robot, "#peers-message").startsWith("cannot reach peer 'home' at " + url));
        assertThat(text(robot, "#instance-switcher")).isEqualTo("This computer");
        waitFor(() -> window.peers().table().getItems().stream().anyMatch(p -> Peer.OFFLINE.equals(p.status())));
    }

    @Test
    void choosingThisComputerWhileAPeerIsBeingCheckedWins() {
        session.fazt().peerLinking().link("home", serverUrl(), server.pairing().mint().code());
        long home = session.requestSwitch(); // the person chose home ...
        session.manageLocal(); // ... then This computer, before home had answered
        assertThat(session.managePeer(home, "home")).as("the older choice no longer applies").isFalse();
        assertThat(session.managedPeer()).isNull();
        assertThat(session.managePeer(session.requestSwitch(), "home")).isTrue();
        assertThat(session.managedPeer()).isEqualTo("home");
    }

    @Test
    void aDropPublishesWhereTheWindowPointedWhenItWasDroppedAndDeleteNamesThePeer(FxRobot robot) throws Exception {
        session.fazt().peerLinking().link("home", serverUrl(), server.pairing().mint().code());
        session.managePeer(session.requestSwitch(), "home");
        Path folder = site("pinned", "<p>pinned to home</p>");
        robot.interact(() -> {
            window.drop(List.of(folder.toFile()));
            session.manageLocal(); // the switch happens before the deploy's work has started
        });
        waitFor(() -> text(robot, "#apps-message").startsWith("Published pinned version 1"));
        assertThat(getFromServer("pinned.localhost", "/").body()).isEqualTo("<p>pinned to home</p>");
        assertThat(session.fazt().apps().idForName("pinned")).as("nothing landed on the laptop").isEmpty();

        session.managePeer(session.requestSwitch(), "home");
        waitFor(() -> window.apps().list().getItems().stream().anyMatch(a -> a.name().equals("pinned")));
        robot.interact(() -> window.apps().list().getSelectionModel().select(
                window.apps().list().getItems().stream().filter(a -> a.name().equals("pinned")).findFirst().orElseThrow()));
        waitFor(() -> robot.lookup("#app-card-pinned").tryQuery().isPresent());
        robot.clickOn(robot.lookup("#app-card-pinned").lookup(".app-delete").queryButton());
        DialogPane confirm = robot.lookup("#confirm-delete").queryAs(DialogPane.class);
        assertThat(confirm.getHeaderText()).isEqualTo("Delete pinned on peer home?");
        robot.clickOn(confirm.lookupButton(ButtonType.OK));
        waitFor(() -> text(robot, "#apps-message").equals("Deleted pinned on peer home."));
        assertThat(server.apps().idForName("pinned")).isEmpty();
    }

    @Test
    void theTopBarSwitchesToEachLinkedPeerAndBackAndTheDropOverlayNamesTheTarget(FxRobot robot) throws Exception {
        session.fazt().peerLinking().link("home", serverUrl(), server.pairing().mint().code());
        javafx.scene.control.MenuButton switcher = robot.lookup("#instance-switcher").queryAs(javafx.scene.control.MenuButton.class);
        robot.interact(switcher::show);
        assertThat(switcher.getItems()).extracting(javafx.scene.control.MenuItem::getId).containsExactly("switch-local", null, "switch-peer-home");
        robot.interact(() -> item(switcher, "switch-peer-home").fire());
        waitFor(() -> "home".equals(session.managedPeer()));
        waitFor(() -> text(robot, "#instance-switcher").equals("peer home"));
        java.io.File folder = site("overlaid", "x").toFile();
        robot.interact(() -> window.fireEvent(fazt.desktop.Drags.of(javafx.scene.input.DragEvent.DRAG_ENTERED, List.of(folder))));
        assertThat(text(robot, "#drop-overlay-target")).isEqualTo("Publish to peer home");
        robot.interact(() -> window.fireEvent(fazt.desktop.Drags.of(javafx.scene.input.DragEvent.DRAG_EXITED, List.of(folder))));
        assertThat(window.overlay().isVisible()).isFalse();

        robot.interact(switcher::show);
        robot.interact(() -> item(switcher, "switch-local").fire());
        waitFor(() -> session.managedPeer() == null);
        assertThat(text(robot, "#instance-switcher")).isEqualTo("This computer");
        robot.interact(() -> window.fireEvent(fazt.desktop.Drags.of(javafx.scene.input.DragEvent.DRAG_ENTERED, List.of(folder))));
        assertThat(text(robot, "#drop-overlay-target")).isEqualTo("Publish to this computer");
    }

    private static javafx.scene.control.MenuItem item(javafx.scene.control.MenuButton menu, String id) {
        return menu.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }
}
