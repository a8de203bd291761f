package fazt.server.cli;

import fazt.core.Config;
import fazt.core.DataPaths;
import fazt.core.Fazt;
import fazt.core.LocalNode;
import fazt.core.Node;
import fazt.core.identity.Owner;
import fazt.core.peers.Pairing;
import fazt.server.FaztServer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an instance in the foreground until SIGTERM or Ctrl-C, then stops cleanly: in-flight
 * requests finish, the database is checkpointed and closed, the lock is released.
 */
public final class ServerRunner {
    private ServerRunner() {}

    /** {@code port} or {@code bind} null means "from settings". Blocks until the process is told to stop. */
    public static int run(String data, Integer port, String bind, PrintWriter out) {
        return run(data, port, bind, Map.of(), out);
    }

    /** As above, with more settings for this run by name ({@code https}, {@code https_port}, {@code acme_…}). */
    public static int run(String data, Integer port, String bind, Map<String, String> settings, PrintWriter out) {
        RootLogLevel.set(ch.qos.logback.classic.Level.INFO);
        Path file = DataPaths.resolve(data, System.getenv());
        Map<String, String> flags = new HashMap<>();
        if (port != null) flags.put("port", String.valueOf(port));
        if (bind != null) flags.put("bind", bind);
        flags.putAll(settings);
        flags.forEach(Config::check);
        boolean fresh = !Files.exists(file);
        Fazt fazt = Fazt.open(file, flags);
        FaztServer server;
        try {
            server = new FaztServer(fazt, fazt.config().get("bind"), fazt.config().getInt("port")).start();
        } catch (RuntimeException e) {
            fazt.close();
            throw e;
        }
        fazt.prepareFunctionsInBackground();
        out.println("data  " + file);
        for (String url : server.urls()) out.println("url   " + url);
        if (server.httpsPort() > 0) out.println("https port " + server.httpsPort() + " (names with a certificate; 'fazt server certs')");
        printGeneratedPassword(new LocalNode(fazt), out);
        if (fresh) {
            Pairing.Code code = fazt.pairing().mint();
            out.println("pair  " + code.code() + "  " + pairingHint(code, adminUrl(fazt.baseDomains().get(0), server.port(), server.httpsPort())));
        }
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            fazt.close();
            stopped.countDown();
        }, "fazt-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * The address a peer links to: the admin host of the base domain, over HTTPS when this instance
     * serves it ({@code httpsPort} above 0, the port left out when it is 443) and the base domain is
     * not {@code localhost}, else over plain HTTP on {@code port}.
     */
    static String adminUrl(String baseDomain, int port, int httpsPort) {
        if (baseDomain.equals("localhost")) return "http://localhost:" + port;
        if (httpsPort > 0) return "https://admin." + baseDomain + (httpsPort == 443 ? "" : ":" + httpsPort);
        return "http://admin." + baseDomain + ":" + port;
    }

    /** The HTTPS port settings name, or 0 when {@code https} is off. */
    static int httpsPort(Map<String, String> settings) {
        String https = settings.getOrDefault("https", "off").trim();
        return https.equals("off") ? 0 : Integer.parseInt(settings.getOrDefault("https_port", "443").trim());
    }

    /** How to use a pairing code, said once next to it. */
    static String pairingHint(Pairing.Code code, String url) {
        return "(one-time pairing code, valid " + Pairing.VALID_FOR.toMinutes() + " minutes: on your laptop run 'fazt peer add NAME "
                + url + " --code " + code.code() + "' or use Link peer in the window's Peers view)";
    }

    /** On a data.db without an owner password, makes one and prints it: the only time it is shown. */
    static void printGeneratedPassword(Node node, PrintWriter out) {
        node.generateOwnerPassword().ifPresent(pw -> {
            out.println("owner  " + Owner.DEFAULT_USERNAME + " / " + pw
                    + "   (shown once; change it with 'fazt server set-credentials')");
        });
    }
}
