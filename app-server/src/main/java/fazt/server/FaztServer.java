package fazt.server;

import fazt.core.Fazt;
import fazt.core.Ids;
import fazt.server.admin.AdminApi;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
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
    private final String localToken = Ids.newToken("fzt_local_");

    /** {@code bind} empty or null means all interfaces; {@code port} 0 picks a free one. */
    public FaztServer(Fazt fazt, String bind, int port) {
        this.fazt = fazt;
        VirtualThreadPool threads = new VirtualThreadPool();
        threads.setName("fazt-http");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(8 * 1024);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(bind == null || bind.isBlank() ? null : bind);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new GracefulHandler(new FaztHandler(fazt, new AdminApi(fazt, localToken))));
        server.setStopTimeout(STOP_TIMEOUT_MS);
        server.setStopAtShutdown(false);
    }

    public FaztServer start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on port " + connector.getPort() + ": " + e.getMessage(), e);
        }
        fazt.lock().publish(port(), localToken);
        log.info("listening on {}:{}", connector.getHost() == null ? "*" : connector.getHost(), port());
        return this;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The admin token of this run (also in the lock file, for the CLI on this machine). */
    public String localToken() {
        return localToken;
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

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("stopping the HTTP server: {}", e.getMessage());
        }
    }
}
