package fazt.desktop;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import fazt.desktop.shell.DesktopPrefs;
import fazt.desktop.shell.Section;
import fazt.desktop.shell.Theme;
import javax.imageio.ImageIO;

/**
 * Makes the README's screenshots: a real window (run it under Xvfb with GTK, see
 * docs/desktop.md) with a few sample apps, one PNG per section in light and in dark, the drop overlay, and one of the status bar's HTTPS word
 * with its tooltip (managing a peer with a failed order), written to the folder given as the
 * first argument. Not a test; {@code scripts/screenshots.sh} runs it.
 */
public final class Screenshots {
    private Screenshots() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/images");
        Files.createDirectories(out);
        Path dir = Files.createTempDirectory("fazt-screens");
        DesktopPrefs prefs = new DesktopPrefs(java.util.prefs.Preferences.userRoot().node("fazt-screenshots"));
        DesktopSession session = DesktopSession.open(dir.resolve("data.db"), 0);
        // the peer serves HTTPS with imported certificates (listener on a free port), so its status bar word shows
        fazt.core.Fazt server = fazt.core.Fazt.open(dir.resolve("server/data.db"), java.util.Map.of("https", "manual", "https_port", "0"));
        fazt.server.FaztServer serverHttp = new fazt.server.FaztServer(server, "127.0.0.1", 0).start();
        try {
            seed(session, dir);
            seedCertificates(server, dir);
            session.fazt().peerLinking().link("home-server", "http://127.0.0.1:" + serverHttp.port(), server.pairing().mint().code());
            CountDownLatch started = new CountDownLatch(1);
            Platform.startup(started::countDown);
            started.await();
            MainWindow[] window = new MainWindow[1];
            Stage[] stage = new Stage[1];
            onFx(() -> {
                window[0] = new MainWindow(session, true, prefs);
                stage[0] = new Stage();
                stage[0].setTitle("fazt");
                stage[0].setScene(new Scene(window[0], MainWindow.DEFAULT_WIDTH, MainWindow.DEFAULT_HEIGHT));
                stage[0].show();
            });
            Thread.sleep(5000);
            onFx(() -> window[0].apps().list().getSelectionModel().select(0));
            Thread.sleep(2000);
            session.share(true); // each app row shows its QR code
            for (Theme theme : List.of(Theme.LIGHT, Theme.DARK)) {
                onFx(() -> {
                    prefs.theme(theme);
                    Theme.applyAndFollow(prefs);
                });
                String suffix = theme == Theme.DARK ? "-dark" : "";
                for (Section section : Section.values()) {
                    onFx(() -> window[0].show(section));
                    Thread.sleep(3000); // the section reads its data in the background
                    snap(stage[0], out.resolve("desktop-" + section.title().toLowerCase(java.util.Locale.ROOT) + suffix + ".png"));
                }
                onFx(() -> {
                    window[0].show(Section.APPS);
                    window[0].overlay().show(fazt.desktop.shell.DropOverlay.sentence(null));
                });
                Thread.sleep(600);
                snap(stage[0], out.resolve("desktop-drop" + suffix + ".png"));
                onFx(() -> window[0].overlay().hide());
            }
            session.share(false);
            onFx(() -> {
                prefs.theme(Theme.LIGHT);
                Theme.applyAndFollow(prefs);
            });
            session.managePeer(session.requestSwitch(), "home-server");
            Thread.sleep(4000);
            Path https = out.resolve("desktop-https.png");
            onFx(() -> showTooltip(stage[0]));
            Thread.sleep(1500);
            onFx(() -> write(statusBarWithTooltip(stage[0]), https));
            System.out.println("wrote " + https);
            onFx(() -> stage[0].close());
        } finally {
            session.close();
            prefs.remove();
            serverHttp.close();
            server.close();
            Platform.exit();
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void seed(DesktopSession session, Path dir) throws IOException {
        for (String name : List.of("blog", "photos", "notes")) {
            Path site = dir.resolve(name);
            Files.createDirectories(site.resolve("api"));
            Files.writeString(site.resolve("index.html"), "<h1>" + name + "</h1>");
            Files.writeString(site.resolve("api/main.js"), "console.log('hello from " + name + "', request.path);"
                    + " if (request.path.endsWith('/slow')) console.warn('the image service took 2.4 s');"
                    + " if (request.path.endsWith('/fail')) console.error('upload rejected: the file is larger than 10 MB');"
                    + " respond({ok: true})");
            for (int v = 0; v < (name.equals("blog") ? 3 : 1); v++) {
                var input = fazt.core.apps.DeployInput.of(site, name, false);
                session.node().deploy(input.appName(), input.zip(), null, n -> {});
            }
        }
        session.node().setAlias("www2", "app", "blog");
        session.node().setAlias("old-blog", "redirect", "https://example.org/blog");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 12; i++) { // pageviews from a few visitors, for the visits chart
            try {
                http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + session.server().port() + "/"))
                        .header("Host", "blog.localhost").header("User-Agent", "browser-" + (i % 4)).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String call : List.of("photos/api/slow", "photos/api/fail")) { // a warning and an error for the Logs view
            String[] hostPath = call.split("/", 2);
            try {
                http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + session.server().port() + "/" + hostPath[1]))
                        .header("Host", hostPath[0] + ".localhost").build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String name : List.of("blog", "photos", "notes", "blog")) {
            try {
                http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + session.server().port() + "/api/items"))
                        .header("Host", name + ".localhost").build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        session.fazt().functionLogs().flush();
        session.welcomed();
    }

    /** An imported certificate served and an order that failed, on the peer the last picture manages. */
    private static void seedCertificates(fazt.core.Fazt server, Path dir) throws IOException {
        fazt.core.tls.TestCertificates ca = new fazt.core.tls.TestCertificates(Files.createDirectories(dir.resolve("ca")));
        fazt.core.tls.TestCertificates.Pem pem = ca.issue("example.com", "www.example.com");
        server.certificates().importPem(pem.chain(), pem.key());
        server.certificates().markFailed("shop.example.com", "the CA could not validate shop.example.com: Get "
                + "\"http://shop.example.com/.well-known/acme-challenge/…\": dial tcp 203.0.113.7:80: connect: connection refused");
    }

    /** The HTTPS word's tooltip, shown above it as hovering does. */
    private static void showTooltip(Stage stage) {
        javafx.scene.control.Label https = (javafx.scene.control.Label) stage.getScene().lookup("#status-https");
        javafx.geometry.Bounds b = https.localToScreen(https.getBoundsInLocal());
        javafx.scene.control.Tooltip tip = https.getTooltip();
        tip.show(https, b.getMinX(), b.getMinY());
        // above the word once its size is known, and inside the window, which is all the picture holds
        javafx.geometry.Bounds window = stage.getScene().getRoot().localToScreen(stage.getScene().getRoot().getBoundsInLocal());
        tip.setY(b.getMinY() - tip.getHeight());
        tip.setX(Math.min(b.getMinX(), window.getMaxX() - tip.getWidth()));
    }

    /** The lower part of the window from the screen, so the tooltip (a window of its own) is in the picture. */
    private static WritableImage statusBarWithTooltip(Stage stage) {
        javafx.scene.Node bar = stage.getScene().lookup("#status-bar");
        javafx.geometry.Bounds b = bar.localToScreen(bar.getBoundsInLocal());
        double height = 230;
        return new javafx.scene.robot.Robot().getScreenCapture(null, b.getMinX(), b.getMaxY() - height, b.getWidth(), height);
    }

    private static void snap(Stage stage, Path file) throws InterruptedException {
        onFx(() -> write(stage.getScene().snapshot(null), file));
        System.out.println("wrote " + file);
    }

    static void onFx(Runnable r) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.run();
            } finally {
                done.countDown();
            }
        });
        if (!done.await(180, TimeUnit.SECONDS)) throw new IllegalStateException("the FX thread did not answer"); // a loaded machine builds the window slowly
    }

    private static void write(WritableImage image, Path file) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader px = image.getPixelReader();
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) out.setRGB(x, y, px.getArgb(x, y));
        try {
            ImageIO.write(out, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
