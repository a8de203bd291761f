package fazt.server.cli;

import fazt.core.DataPaths;
import fazt.core.Fazt;
import fazt.core.InstanceLock;
import fazt.core.LocalNode;
import fazt.core.Node;
import fazt.core.peers.RemoteNode;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The options every command that acts on an instance takes, and how it reaches that instance:
 * through the HTTP API of the process serving data.db when one runs (found from the lock file
 * beside it), else directly on data.db.
 */
final class Target {
    @Option(names = "--data", description = "Path of data.db or its folder (env FAZT_DATA).")
    String data;

    @Option(names = "--json", description = "Print machine-readable JSON.")
    boolean json;

    Path dataFile() {
        return DataPaths.resolve(data, System.getenv());
    }

    /** An open connection to the instance; close it when done. */
    Connection connect() {
        Path file = dataFile();
        Optional<InstanceLock.Holder> holder = InstanceLock.readHolder(file);
        if (holder.isPresent() && holder.get().port() > 0 && holder.get().token() != null) {
            URI base = URI.create("http://127.0.0.1:" + holder.get().port());
            return new Connection(new RemoteNode("local", base, holder.get().token()), null, holder.get().port());
        }
        Fazt fazt = Fazt.open(file, Map.of());
        return new Connection(new LocalNode(fazt), fazt, fazt.config().getInt("port"));
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
     * A node and, when fazt was opened here, the engine to close. {@code port} is where the
     * instance listens (or will, at its next start).
     */
    record Connection(Node node, Fazt opened, int port) implements AutoCloseable {
        String appUrl(String app) {
            return "http://" + app + ".localhost:" + port;
        }

        @Override
        public void close() {
            if (opened != null) opened.close();
        }
    }
}
