package fazt.server;

import fazt.core.Fazt;
import fazt.core.Ids;
import fazt.core.acme.Http01Tokens;
import fazt.core.realtime.Realtime;
import fazt.server.admin.AdminApi;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of an instance: Jetty 12 on virtual threads in front of the engine. Stopping
 * lets in-flight requests finish (up to {@link #STOP_TIMEOUT_MS}) before the port closes.
 */
public final class FaztServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FaztServer.class);
    private static final long STOP_TIMEOUT_MS = 10_000;

    private final Fazt fazt;
    private final Server server;
    private final ServerConnector connector;
    /** The HTTPS listener, or null while the {@code https} setting is {@code off}. */
    private final ServerConnector tlsConnector;
    private final String localToken = Ids.newToken("fzt_local_");
    private final AtomicReference<Runnable> focusHandler = new AtomicReference<>();
    private volatile boolean paused;
    private final List<Runnable> pauseListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** {@code bind} empty or null means all interfaces; {@code port} 0 picks a free one. */
    public FaztServer(Fazt fazt, String bind, int port) {
        this.fazt = fazt;
        VirtualThreadPool threads = new VirtualThreadPool();
        threads.setName("fazt-http");
        // one name for every request thread: a numbered name would be built anew for each request
        threads.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fazt-http").factory()));
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(8 * 1024);
        // Jetty reuses header fields parsed earlier on the same connection, matched without regard to
        // case by default: a Cookie differing only in case would be read as the earlier one (behind a
        // proxy, one connection carries many clients); session tokens and app cookies are case-sensitive
        http.setHeaderCacheCaseSensitive(true);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(bind == null || bind.isBlank() ? null : bind);
        connector.setPort(port);
        server.addConnector(connector);
        Supplier<ConnectionLimits> limits = ConnectionLimits.watch(fazt.config());
        ConnectionsPerAddress perAddress = new ConnectionsPerAddress(() -> limits.get().maxConnectionsPerIp(),
                new ClientAddress(fazt.config())::isTrustedProxy);
        connector.setIdleTimeout(limits.get().idleTimeoutMs());
        connector.addBean(perAddress.listener(true));
        if (fazt.config().get("https").equals("off")) {
            tlsConnector = null;
        } else {
            tlsConnector = TlsConnector.create(server, http, fazt.certificates(), fazt.tlsAlpnChallenges(), connector.getHost(),
                    fazt.config().getInt("https_port"));
            server.addConnector(tlsConnector);
            tlsConnector.setIdleTimeout(limits.get().idleTimeoutMs());
            tlsConnector.addBean(perAddress.listener(false));
        }
        server.addBean(new SlowClientSweeper(limits, tlsConnector == null ? List.of(connector) : List.of(connector, tlsConnector), perAddress));
        HttpsRedirect redirect = new HttpsRedirect(fazt, this::httpsPort);
        ServerWebSocketContainer webSockets = ServerWebSocketContainer.ensure(server);
        webSockets.setMaxTextMessageSize(Realtime.MAX_INBOUND_BYTES);
        webSockets.setMaxBinaryMessageSize(Realtime.MAX_INBOUND_BYTES);
        server.setHandler(new GracefulHandler(new AcmeChallengeHandler(fazt.acmeTokens(),
                new RequestDispatcher(fazt, new AdminApi(fazt, localToken, focusHandler::get), redirect, webSockets))));
        server.setStopTimeout(STOP_TIMEOUT_MS);
        server.setStopAtShutdown(false);
    }

    public FaztServer start() {
        try {
            server.start();
        } catch (Exception e) {
            String ports = connector.getPort() + (tlsConnector == null ? "" : " or HTTPS port " + tlsConnector.getPort());
            throw new IllegalStateException("cannot listen on port " + ports + ": " + e.getMessage()
                    + (e.getMessage() != null && e.getMessage().contains("ermission") ? " (ports below 1024 need "
                    + "CAP_NET_BIND_SERVICE; see docs/install.md)" : ""), e);
        }
        fazt.lock().publish(port(), localToken);
        fazt.schedules().start(); // jobs run while an instance serves, never for a CLI command on data.db
        log.info("listening on {}:{}", connector.getHost() == null ? "*" : connector.getHost(), port());
        if (tlsConnector != null) log.info("listening for HTTPS on port {}", httpsPort());
        return this;
    }

    public int port() {
        int local = connector.getLocalPort();
        return local > 0 ? local : connector.getPort();
    }

    /** The HTTPS port, or 0 while HTTPS is off. */
    public int httpsPort() {
        if (tlsConnector == null) return 0;
        int local = tlsConnector.getLocalPort();
        return local > 0 ? local : tlsConnector.getPort();
    }

    /** The admin token of this run (also in the lock file, for the CLI on this machine). */
    public String localToken() {
        return localToken;
    }

    /** The HTTP-01 answers this server gives the CA: the engine's ({@link Fazt#acmeTokens()}). */
    public Http01Tokens acmeTokens() {
        return fazt.acmeTokens();
    }

    /** The addresses a person can open: the dashboard on localhost, then the base domain. */
    public List<String> urls() {
        List<String> urls = new ArrayList<>();
        urls.add("http://localhost:" + port());
        for (String base : fazt.baseDomains()) {
            if (!base.equals("localhost")) urls.add("http://" + base + ":" + port());
        }
        return urls;
    }

    /** Where the server listens: {@code 127.0.0.1}, or null for all interfaces. */
    public String bindHost() {
        return connector.getHost();
    }

    /**
     * Listens on another address (the desktop's "Share on my network"), keeping the port. In-flight
     * requests on the old address finish first.
     */
    public synchronized void rebind(String host) {
        int port = port();
        restartConnector(() -> {
            connector.setHost(host == null || host.isBlank() ? null : host);
            connector.setPort(port);
        });
        log.info("now listening on {}:{}", host == null || host.isBlank() ? "*" : host, port);
    }

    /** Stops serving (the port closes) until {@link #resume()}; the engine keeps running. */
    public synchronized void pause() {
        if (paused) return;
        int port = port();
        try {
            stopListening();
        } catch (Exception e) {
            throw new IllegalStateException("cannot pause: " + e.getMessage(), e);
        }
        connector.setPort(port);
        paused = true;
        log.info("serving paused");
        pauseListeners.forEach(Runnable::run);
    }

    public synchronized void resume() {
        if (!paused) return;
        try {
            connector.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot resume on port " + connector.getPort() + ": " + e.getMessage(), e);
        }
        paused = false;
        log.info("serving resumed on port {}", port());
        pauseListeners.forEach(Runnable::run);
    }

    public boolean paused() {
        return paused;
    }

    /**
     * Runs {@code listener} after each {@link #pause()} and {@link #resume()} that changed the
     * state, on the thread that called it: the status bar and the tray both pause, and each shows it.
     */
    public void onPauseChange(Runnable listener) {
        pauseListeners.add(listener);
    }

    private void restartConnector(Runnable change) {
        try {
            if (!paused) stopListening();
            change.run();
            if (!paused) connector.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on " + connector.getHost() + ":" + connector.getPort() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Closes the port and the connections made through it: turning sharing off must cut the
     * network's open connections, and a kept-alive one must not hold a pause or a switch up.
     */
    private void stopListening() throws Exception {
        for (EndPoint open : List.copyOf(connector.getConnectedEndPoints())) open.close();
        connector.stop();
    }

    /**
     * What {@code POST /api/system/focus} does: a second launch of the desktop calls it so the
     * running window comes to the front instead of a second instance starting.
     */
    public void onFocusRequest(Runnable handler) {
        focusHandler.set(handler);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("stopping the HTTP server: {}", e.getMessage());
        }
    }
}
