package fazt.desktop;

import fazt.core.DataPaths;
import fazt.core.FaztException;
import fazt.core.InstanceLock;
import ch.qos.logback.classic.Level;
import fazt.server.cli.RootLogLevel;
import fazt.server.cli.ServerRunner;
import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code fazt} with no command: focuses the window of a desktop already running on the same
 * data.db, or opens the window and, behind it, the engine and the server (loopback only unless
 * shared). Where
 * there is no display at all it serves on loopback and says so.
 */
final class DesktopLauncher {
    private DesktopLauncher() {}

    static int launch(String data, Integer port, boolean minimized) {
        PrintWriter out = new PrintWriter(System.out, true);
        Path file = DataPaths.resolve(data, System.getenv());
        Optional<InstanceLock.Holder> running = InstanceLock.readHolder(file);
        if (running.isPresent() && running.get().port() > 0) return focusRunning(running.get(), out);
        if (!hasDisplay()) {
            out.println("fazt: no display found, so no window; serving on this machine only (loopback).");
            return ServerRunner.run(data, port, "127.0.0.1", out);
        }
        RootLogLevel.set(Level.INFO);
        DesktopApp.run(() -> DesktopSession.open(file, port), session -> {
            Runtime.getRuntime().addShutdownHook(new Thread(session::close, "fazt-desktop-shutdown"));
            out.println("data  " + file);
            session.server().urls().forEach(u -> out.println("url   " + u));
        }, minimized);
        return 0;
    }

    /** A second launch: bring the running window to the front instead of failing on the lock. */
    private static int focusRunning(InstanceLock.Holder holder, PrintWriter out) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + holder.port() + "/api/system/focus"))
                    .header("Authorization", "Bearer " + holder.token()).timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                out.println("fazt is already running (PID " + holder.pid() + "); its window is now in front.");
                return 0;
            }
            out.println("fazt is already serving this data.db without a window (PID " + holder.pid() + ", port "
                    + holder.port() + "). Stop it first, or use another --data.");
            return 1;
        } catch (Exception e) {
            throw new FaztException(FaztException.Kind.UNAVAILABLE, "NOT_REACHABLE", "fazt runs as PID " + holder.pid()
                    + " but does not answer on port " + holder.port() + ": " + e.getMessage());
        }
    }

    static boolean hasDisplay() {
        if (GraphicsEnvironment.isHeadless() && Boolean.getBoolean("java.awt.headless")) return false;
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) return true;
        return System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
    }
}
