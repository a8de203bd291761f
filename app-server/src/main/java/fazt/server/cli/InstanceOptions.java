package fazt.server.cli;

import fazt.core.DataPaths;
import fazt.core.Fazt;
import fazt.core.InstanceLock;
import fazt.core.LocalNode;
import fazt.core.Node;
import fazt.core.peers.Peers;
import fazt.core.peers.RemoteNode;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * The options every command that acts on an instance takes, and how it reaches that instance:
 * through the HTTP API of the process serving data.db when one runs (found from the lock file
 * beside it), else directly on data.db. {@link PeerOptions} adds {@code --to} for a linked peer.
 */
class InstanceOptions {
    @Option(names = "--data", description = "Path of data.db or its folder (env FAZT_DATA).")
    String data;

    @Option(names = "--json", description = "Print machine-readable JSON.")
    boolean json;

    Path dataFile() {
        return DataPaths.resolve(data, System.getenv());
    }

    /** The linked peer to act on instead of the local instance, or null. */
    String peerName() {
        return null;
    }

    /** An open connection to the instance (or the peer); close it when done. */
    Connection connect() {
        Path file = dataFile();
        String peer = peerName();
        Optional<InstanceLock.Holder> holder = InstanceLock.readHolder(file);
        if (holder.isPresent() && holder.get().port() > 0 && holder.get().token() != null) {
            if (peer != null) return Connection.of(Peers.nodeFromFile(file, peer), null);
            URI base = URI.create("http://127.0.0.1:" + holder.get().port());
            int port = holder.get().port();
            return new Connection(new RemoteNode("local", base, holder.get().token()), null, app -> localAppUrl(app, port));
        }
        Fazt fazt = Fazt.open(file, Map.of());
        if (peer != null) {
            try {
                return Connection.of(fazt.peers().node(peer), fazt);
            } catch (RuntimeException e) {
                fazt.close();
                throw e;
            }
        }
        int port = fazt.config().getInt("port");
        return new Connection(new LocalNode(fazt), fazt, app -> localAppUrl(app, port));
    }

    private static String localAppUrl(String app, int port) {
        return "http://" + app + ".localhost:" + port;
    }

    /**
     * Asks the instance for something and prints it: as JSON with {@code --json}, else the way
     * {@code human} writes it. Returns the exit code 0.
     */
    <T> int show(PrintWriter out, Function<Node, T> ask, BiConsumer<PrintWriter, T> human) {
        try (Connection c = connect()) {
            T value = ask.apply(c.node());
            if (json) Output.json(out, value);
            else human.accept(out, value);
        }
        return 0;
    }

    /**
     * A node and, when fazt was opened here, the engine to close; {@code appUrls} says where the
     * node serves an app.
     */
    record Connection(Node node, Fazt opened, UnaryOperator<String> appUrls) implements AutoCloseable {
        static Connection of(RemoteNode peer, Fazt opened) {
            return new Connection(peer, opened, peer::appUrl);
        }

        String appUrl(String app) {
            return appUrls.apply(app);
        }

        @Override
        public void close() {
            if (opened != null) opened.close();
        }
    }
}
