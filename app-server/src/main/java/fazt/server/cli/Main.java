package fazt.server.cli;

import ch.qos.logback.classic.Level;
import fazt.core.net.OutboundFetch;

/** The {@code fazt} command. Exit codes: 0 ok, 1 failure, 2 usage error (SPEC §12). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        OutboundFetch.allowHostHeader(); // before any HTTP client of the JVM is made (functions' fetch needs it)
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code, without exiting (tests call this). */
    public static int run(String... args) {
        RootLogLevel.set(Level.WARN); // commands print their own results; a running server logs at INFO
        return PeerPrefix.execute(FaztCommand.commandLine(), args);
    }
}
