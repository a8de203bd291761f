package fazt.desktop;

import fazt.core.Fazt;
import fazt.core.apps.Bundle;
import fazt.server.FaztServer;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Makes the tray's pictures for docs/desktop.md: the icon in its three states, and the real tray
 * menu of an instance with three apps and a linked peer, opened with a right click on the icon in
 * a real X tray. Run under Xvfb with a tray at the screen's top right ({@code trayer}); see
 * {@code scripts/screenshots.sh}. Not a test; the folder to write to is the first argument.
 */
public final class TrayScreenshots {
    private TrayScreenshots() {}

    public static void main(String[] args) {
        int code = 0;
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            code = 1;
        }
        System.exit(code); // AWT's tray thread would keep the JVM up
    }

    private static void run(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/images");
        Files.createDirectories(out);
        writeIcons(out.resolve("desktop-tray-icons.png"));
        Path dir = Files.createTempDirectory("fazt-tray-screens");
        DesktopSession session = DesktopSession.open(dir.resolve("data.db"), Map.of("port", portForThePicture(), "https_port", "0"));
        Fazt peer = Fazt.open(dir.resolve("peer/data.db"), Map.of());
        FaztServer peerHttp = new FaztServer(peer, "127.0.0.1", 0).start();
        try {
            for (String app : List.of("blog", "notes", "photos")) {
                session.fazt().apps().deploy(app, Bundle.of(Map.of("index.html", app.getBytes(StandardCharsets.UTF_8))), null);
            }
            session.fazt().peerLinking().link("home-server", "http://127.0.0.1:" + peerHttp.port(), peer.pairing().mint().code());
            CountDownLatch started = new CountDownLatch(1);
            Platform.startup(started::countDown);
            started.await();
            AtomicReference<Tray> tray = new AtomicReference<>();
            Screenshots.onFx(() -> tray.set(Tray.install(session, new Stage(), () -> { })));
            if (!tray.get().supported()) throw new IllegalStateException("no tray: start one first (trayer at the top right)");
            Thread.sleep(2500);
            Robot robot = new Robot();
            Rectangle screen = new Rectangle(java.awt.Toolkit.getDefaultToolkit().getScreenSize());
            // trayer at the top right, the icon its only one
            int x = screen.width - 14;
            int y = 14;
            robot.mouseMove(x, y);
            robot.mousePress(InputEvent.BUTTON3_DOWN_MASK);
            robot.mouseRelease(InputEvent.BUTTON3_DOWN_MASK);
            robot.mouseMove(screen.width - 600, 400); // off the icon, so its tooltip does not hide the status line
            Thread.sleep(1500);
            BufferedImage menu = robot.createScreenCapture(new Rectangle(screen.width - 260, 0, 260, 240));
            ImageIO.write(menu, "png", out.resolve("desktop-tray-menu.png").toFile());
            System.out.println("wrote " + out.resolve("desktop-tray-menu.png"));
            robot.keyPress(java.awt.event.KeyEvent.VK_ESCAPE);
            robot.keyRelease(java.awt.event.KeyEvent.VK_ESCAPE);
            tray.get().close();
        } finally {
            session.close();
            peerHttp.close();
            peer.close();
            Platform.exit();
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The default port when it is free, so the status line reads as people see it; any free one otherwise. */
    private static String portForThePicture() {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(4698, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "4698";
        } catch (IOException taken) {
            return "0";
        }
    }

    /** The three icons side by side, at the size they are drawn. */
    private static void writeIcons(Path file) throws IOException {
        var icons = TrayIcons.all();
        int size = icons.get(TrayMenuModel.State.SERVING).getWidth();
        int gap = 16;
        BufferedImage strip = new BufferedImage(3 * size + 4 * gap, size + 2 * gap, BufferedImage.TYPE_INT_ARGB);
        var g = strip.createGraphics();
        int x = gap;
        for (TrayMenuModel.State s : TrayMenuModel.State.values()) {
            g.drawImage(icons.get(s), x, gap, null);
            x += size + gap;
        }
        g.dispose();
        ImageIO.write(strip, "png", file.toFile());
        System.out.println("wrote " + file);
    }
}
