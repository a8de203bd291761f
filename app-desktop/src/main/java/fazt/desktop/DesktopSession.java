package fazt.desktop;

import fazt.core.Fazt;
import fazt.core.LocalNode;
import fazt.core.Node;
import fazt.core.apps.AppNames;
import fazt.core.domain.Domains;
import fazt.core.peers.RemoteNode;
import fazt.server.FaztServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the window works with: the engine and the server running in this process, and the
 * {@link Node} the views act on: this instance, or a linked peer chosen in the Peers view
 * ({@link #managePeer}). The desktop listens on loopback until the person turns on "Share on my
 * network".
 */
public final class DesktopSession implements AutoCloseable {
    static final String LOOPBACK = "127.0.0.1";

    private final Fazt fazt;
    private final FaztServer server;
    private final LocalNode local;
    private volatile Managed managed;
    private final List<Runnable> managedChanged = new CopyOnWriteArrayList<>();
    private final boolean firstRun;
    private final Optional<String> generatedPassword;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** The node the views act on; {@code peer} is null for this computer. */
    private record Managed(Node node, RemoteNode peer) {}

    private DesktopSession(Fazt fazt, FaztServer server) {
        this.fazt = fazt;
        this.server = server;
        this.local = new LocalNode(fazt);
        this.managed = new Managed(local, null);
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

    /** The node the Apps, Aliases and Logs views act on. */
    public Node node() {
        return managed.node();
    }

    /** This computer's own instance, whatever the views manage. */
    public Node localNode() {
        return local;
    }

    /** The name of the linked peer being managed, or null for this computer. */
    public String managedPeer() {
        Managed m = managed;
        return m.peer() == null ? null : m.peer().name();
    }

    /** What the window says it manages. */
    public String managedLabel() {
        String peer = managedPeer();
        return peer == null ? "This computer" : "peer " + peer;
    }

    /**
     * Makes the views act on a linked peer. It talks to the peer first (so a peer that is
     * offline or refuses us is reported here, not in every view): call it off the FX thread.
     */
    public void managePeer(String name) {
        RemoteNode peer = fazt.peers().node(name);
        peer.appUrl(AppNames.LANDING); // checks the peer and learns its domain, so app URLs need no request later
        switchTo(new Managed(peer, peer));
    }

    /** Makes the views act on this computer again. */
    public void manageLocal() {
        switchTo(new Managed(local, null));
    }

    private void switchTo(Managed next) {
        managed = next;
        managedChanged.forEach(Jobs::fx);
    }

    /** Runs {@code listener} on the FX thread whenever the managed node changes. */
    public void onManagedChange(Runnable listener) {
        managedChanged.add(listener);
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

    /** The address of an app of the managed node. */
    public String appUrl(String app) {
        RemoteNode peer = managed.peer();
        return peer == null ? localAppUrl(app) : peer.appUrl(app);
    }

    /** The address of an app on this machine; the landing app answers on the bare host. */
    public String localAppUrl(String app) {
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
