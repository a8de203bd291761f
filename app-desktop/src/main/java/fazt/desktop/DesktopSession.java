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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

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
    /** Counts the switches asked for, so that only the newest one asked for takes effect. */
    private final AtomicLong switches = new AtomicLong();
    private final List<Runnable> managedChanged = new CopyOnWriteArrayList<>();
    private final List<java.util.function.BiConsumer<String, String>> deployFailures = new CopyOnWriteArrayList<>();
    private final boolean firstRun;
    private final Optional<String> generatedPassword;
    private final String dataPath;
    private volatile String jsEngine;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** The node the views act on; {@code peer} is null for this computer. */
    private record Managed(Node node, RemoteNode peer) {}

    private DesktopSession(Fazt fazt, FaztServer server, Path dataFile) {
        this.fazt = fazt;
        this.server = server;
        this.local = new LocalNode(fazt);
        this.managed = new Managed(local, null);
        this.firstRun = !Boolean.parseBoolean(fazt.config().get("desktop_welcomed"));
        this.generatedPassword = fazt.owner().generateIfMissing();
        this.dataPath = dataFile.toString();
    }

    /** Opens the engine on {@code dataFile} and starts serving; {@code port} null means the setting. */
    public static DesktopSession open(Path dataFile, Integer port) {
        return open(dataFile, port == null ? Map.of() : Map.of("port", String.valueOf(port)));
    }

    /** As {@link #open(Path, Integer)}, with settings for this run only, as flags give them ({@code port}, {@code https} …). */
    public static DesktopSession open(Path dataFile, Map<String, String> flags) {
        Fazt fazt = Fazt.open(dataFile, flags);
        try {
            boolean shared = Boolean.parseBoolean(fazt.config().get("share_on_network"));
            FaztServer server = new FaztServer(fazt, shared ? null : LOOPBACK, fazt.config().getInt("port")).start();
            return new DesktopSession(fazt, server, dataFile);
        } catch (RuntimeException e) {
            fazt.close();
            throw e;
        }
    }

    /**
     * The engine itself, for tests that set it up or inspect it. The window acts through
     * {@link #localNode()} and {@link #node()} instead.
     */
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
        return label(node());
    }

    /**
     * Numbers a switch of the managed node when the person asks for it (on the FX thread), before
     * the work of switching starts; {@link #managePeer} then applies only if no newer one was asked for.
     */
    public long requestSwitch() {
        return switches.incrementAndGet();
    }

    /**
     * Makes the views act on a linked peer, unless a newer switch than {@code request} was asked
     * for meanwhile (the person clicked again while this peer was being checked); returns whether
     * it switched. It talks to the peer first (so a peer that is offline or refuses us is
     * reported here, not in every view): call it off the FX thread.
     */
    public boolean managePeer(long request, String name) {
        RemoteNode peer = fazt.peers().node(name);
        peer.appUrl(AppNames.LANDING); // checks the peer and learns its domain, so app URLs need no request later
        return switchTo(request, new Managed(peer, peer));
    }

    /** Makes the views act on this computer again; a peer switch still being checked will not apply. */
    public void manageLocal() {
        switchTo(requestSwitch(), new Managed(local, null));
    }

    private boolean switchTo(long request, Managed next) {
        synchronized (switches) {
            if (request != switches.get()) return false;
            managed = next;
        }
        managedChanged.forEach(Jobs::fx);
        return true;
    }

    /** How the window names {@code node} to the person: "This computer" or "peer NAME". */
    public String label(Node node) {
        return node == local ? "This computer" : "peer " + node.name();
    }

    /** Runs {@code listener} on the FX thread whenever the managed node changes. */
    public void onManagedChange(Runnable listener) {
        managedChanged.add(listener);
    }

    /**
     * What a view says when a deploy it started failed: {@code what} names the folder or zip,
     * {@code message} why. The notices of a hidden window listen ({@link #onDeployFailed}).
     */
    public void deployFailed(String what, String message) {
        deployFailures.forEach(l -> l.accept(what, message));
    }

    /** Tells {@code listener} of each deploy started in the window that failed, on the thread that reported it. */
    public void onDeployFailed(java.util.function.BiConsumer<String, String> listener) {
        deployFailures.add(listener);
    }

    /** Where this computer's data.db lives. */
    public String dataPath() {
        return dataPath;
    }

    /**
     * The JS engine running this computer's functions: {@code GraalVM CE} (JIT) or {@code
     * Interpreted}. The first call waits for the engine to be built: call it off the FX thread.
     */
    public String jsEngine() {
        String mode = jsEngine;
        if (mode == null) jsEngine = mode = local.health().jsEngine(); // it does not change while the process runs
        return mode;
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
        return appUrl(node(), app);
    }

    /** The address of an app of {@code node}: this computer or a peer, managed now or not. */
    public String appUrl(Node node, String app) {
        return node instanceof RemoteNode peer ? peer.appUrl(app) : localAppUrl(app);
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
