package fazt.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.apps.AppInfo;
import fazt.core.apps.AppNames;
import fazt.core.apps.Bundle;
import fazt.core.peers.Peer;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the tray shows, without a tray: the status line, the apps, the peers, Pause/Resume and the icon's state. */
class TrayMenuModelTest {
    @TempDir
    Path dir;

    private static AppInfo app(String name) {
        return new AppInfo("id-" + name, name, 1, 1, 10, false, 0, 0, List.of(), 0);
    }

    private static Peer peer(String name, Long lastSeenAt, long createdAt) {
        return new Peer(name, "http://" + name + ":4698", false, createdAt, lastSeenAt, "1", Peer.ONLINE, null);
    }

    @Test
    void servingCountsTheAppsPeopleDeployedAndListsThemByName() {
        List<AppInfo> apps = List.of(app("notes"), app("blog"), app(AppNames.LANDING), app("shop"), app("wiki"));
        TrayMenuModel m = TrayMenuModel.of(apps, List.of(), 4698, false, null);
        assertThat(m.state()).isEqualTo(TrayMenuModel.State.SERVING);
        assertThat(m.status()).isEqualTo("Serving 4 apps at localhost:4698");
        assertThat(m.apps()).containsExactly("blog", "notes", "shop", "wiki");
        assertThat(m.pauseLabel()).isEqualTo("Pause serving");
        assertThat(m.tooltip()).isEqualTo("fazt: Serving 4 apps at localhost:4698");
        assertThat(TrayMenuModel.of(List.of(app("blog")), List.of(), 8080, false, null).status()).isEqualTo("Serving 1 app at localhost:8080");
        assertThat(TrayMenuModel.of(List.of(), List.of(), 4698, false, null).status()).isEqualTo("Serving at localhost:4698, no apps yet");
    }

    @Test
    void pausedOffersResumeAndErrorsWinOverPaused() {
        TrayMenuModel paused = TrayMenuModel.of(List.of(app("blog")), List.of(), 4698, true, null);
        assertThat(paused.state()).isEqualTo(TrayMenuModel.State.PAUSED);
        assertThat(paused.status()).isEqualTo("Paused (localhost:4698 does not answer)");
        assertThat(paused.pauseLabel()).isEqualTo("Resume serving");
        assertThat(paused.apps()).containsExactly("blog");

        TrayMenuModel failed = TrayMenuModel.of(List.of(app("blog")), List.of(), 4698, true, "cannot resume on port 4698: Address already in use");
        assertThat(failed.state()).isEqualTo(TrayMenuModel.State.ERROR);
        assertThat(failed.status()).isEqualTo("Not serving: cannot resume on port 4698: Address already in use");
        assertThat(failed.pauseLabel()).isEqualTo("Resume serving");

        TrayMenuModel unreadable = TrayMenuModel.of(List.of(), List.of(), 4698, false, "cannot read the apps: disk I/O error");
        assertThat(unreadable.state()).isEqualTo(TrayMenuModel.State.ERROR);
        assertThat(unreadable.status()).isEqualTo("Error: cannot read the apps: disk I/O error");
        assertThat(unreadable.pauseLabel()).isEqualTo("Pause serving");
    }

    @Test
    void peersSeenMostRecentlyComeFirstAndOnlyAFewAreListed() {
        List<Peer> peers = IntStream.range(0, 8).mapToObj(i -> peer("p" + i, (long) i * 1000, i)).toList();
        List<Peer> withNeverSeen = new java.util.ArrayList<>(peers);
        withNeverSeen.add(peer("new", null, 99));
        TrayMenuModel m = TrayMenuModel.of(List.of(), withNeverSeen, 4698, false, null);
        assertThat(m.peers()).containsExactly("p7", "p6", "p5", "p4", "p3");
        assertThat(TrayMenuModel.of(List.of(), List.of(peer("old", null, 1), peer("newer", null, 2)), 4698, false, null).peers())
                .containsExactly("newer", "old");
    }

    @Test
    void readFromARealInstanceTheMenuFollowsDeploysAndPause() {
        try (DesktopSession s = DesktopSession.open(dir.resolve("data.db"), Map.of("port", "0", "https_port", "0"))) {
            int port = s.server().port();
            assertThat(TrayMenuModel.read(s, null).status()).isEqualTo("Serving at localhost:" + port + ", no apps yet");
            s.fazt().apps().deploy("blog", Bundle.of(Map.of("index.html", "hi".getBytes(StandardCharsets.UTF_8))), null);
            assertThat(TrayMenuModel.read(s, null).apps()).containsExactly("blog");
            assertThat(TrayMenuModel.read(s, null).status()).isEqualTo("Serving 1 app at localhost:" + port);
            s.server().pause();
            assertThat(TrayMenuModel.read(s, null).state()).isEqualTo(TrayMenuModel.State.PAUSED);
            assertThat(TrayMenuModel.read(s, "cannot resume on port " + port).status()).isEqualTo("Not serving: cannot resume on port " + port);
            s.server().resume();
            assertThat(TrayMenuModel.read(s, null).state()).isEqualTo(TrayMenuModel.State.SERVING);
            s.fazt().close(); // data.db closed under the menu: the menu says it cannot read the apps
            assertThat(TrayMenuModel.read(s, null).status()).startsWith("Error: cannot read the apps");
        }
    }

    @Test
    void eachStateHasAnIconOfItsOwn() {
        Map<TrayMenuModel.State, BufferedImage> icons = TrayIcons.all();
        assertThat(icons).containsOnlyKeys(TrayMenuModel.State.values());
        BufferedImage serving = icons.get(TrayMenuModel.State.SERVING);
        assertThat(samePixels(serving, icons.get(TrayMenuModel.State.PAUSED))).isFalse();
        assertThat(samePixels(serving, icons.get(TrayMenuModel.State.ERROR))).isFalse();
        assertThat(samePixels(icons.get(TrayMenuModel.State.PAUSED), icons.get(TrayMenuModel.State.ERROR))).isFalse();
    }

    private static boolean samePixels(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) return false;
        for (int x = 0; x < a.getWidth(); x++) {
            for (int y = 0; y < a.getHeight(); y++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) return false;
            }
        }
        return true;
    }
}
