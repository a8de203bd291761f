package fazt.desktop;

import fazt.core.Fazt;
import fazt.core.LocalNode;
import fazt.core.Node;
import fazt.core.apps.AppNames;
import fazt.core.domain.Domains;
import fazt.server.FaztServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the window works with: the engine and the server running in this process, and the
 * {@link Node} the views act on (this instance for now; a linked peer later). The desktop
 * listens on loopback until the person turns on "Share on my network".
 */
public final class DesktopSession implements AutoCloseable {
    static final String LOOPBACK = "127.0.0.1";

    private final Fazt fazt;
    private final FaztServer server;
    private final Node node;
    private final boolean firstRun;
    private final Optional<String> generatedPassword;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DesktopSession(Fazt fazt, FaztServer server) {
        this.fazt = fazt;
        this.server = server;
        this.node = new LocalNode(fazt);
        this.firstRun = !Boolean.parseBoolean(fazt.config().get("desktop_welcomed"));
        this.generatedPassword = fazt.owner().generateIfMissing();
    }

    /** Opens the engine on {@code dataFile} and starts serving; {@code port} null means the setting. */
    public static DesktopSession open(Path dataFile, Integer port) {
        Map<String, String> flags = new HashMap<>();
        if (port != null) flags.put("port", String.valueOf(port));
        Fazt fazt = Fazt.open(dataFile, flags);
        try {
            boolean shared = Boolean.parseBoolean(fazt.config().get("share_on_network"));
            FaztServer server = new FaztServer(fazt, shared ? null : LOOPBACK, fazt.config().getInt("port")).start();
            return new DesktopSession(fazt, server);
        } catch (RuntimeException e) {
            fazt.close();
            throw e;
        }
    }

    public Fazt fazt() {
        return fazt;
    }

    public FaztServer server() {
        return server;
    }

    public Node node() {
        return node;
    }

    /** True until the welcome dialog has been shown once for this data.db. */
    public boolean firstRun() {
        return firstRun;
    }

    /**
     * The owner's password when this start generated it (a data.db without credentials): shown
     * once in the welcome dialog, never stored in clear.
     */
    public Optional<String> generatedPassword() {
        return generatedPassword;
    }

    /** A link that opens the dashboard signed in as the owner; it works once, within a minute. */
    public String dashboardUrl() {
        return "http://localhost:" + server.port() + "/auth/handoff?code=" + fazt.handoffCodes().mint();
    }

    public void welcomed() {
        fazt.config().store("desktop_welcomed", "true");
    }

    public boolean shared() {
        return server.bindHost() == null;
    }

    /** Listens on all interfaces (true) or loopback only (false), and remembers the choice. */
    public void share(boolean onNetwork) {
        server.rebind(onNetwork ? null : LOOPBACK);
        fazt.config().store("share_on_network", String.valueOf(onNetwork));
    }

    /** Where people can open this instance: loopback always, the LAN addresses when shared. */
    public List<String> urls() {
        List<String> urls = new ArrayList<>();
        urls.add("http://localhost:" + server.port());
        if (shared()) {
            for (String ip : Domains.localIpv4()) urls.add("http://" + ip + ":" + server.port());
        }
        return urls;
    }

    /** The address of an app on this machine; the landing app answers on the bare host. */
    public String appUrl(String app) {
        if (AppNames.LANDING.equals(app)) return "http://localhost:" + server.port() + "/";
        if (AppNames.NOT_FOUND.equals(app)) return "(the page for missing addresses)";
        return "http://" + app + ".localhost:" + server.port();
    }

    /** Stops serving and closes data.db; safe to call more than once (Quit and SIGTERM may both). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        server.close();
        fazt.close();
    }
}
