package fazt.server.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import fazt.core.apps.BundleLimits;
import fazt.server.mcp.StdioMcpTransport;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;

/**
 * {@code fazt mcp}: an MCP server over stdin/stdout for a local agent, acting on the local
 * instance (through the running server when there is one) or, with {@code --to NAME}, on a
 * linked peer. Stdout carries only protocol messages; logs, with a line per tool call, go to stderr.
 * With no instance serving the data.db, this process opens it and holds it while it runs.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = "Serve the Model Context Protocol over stdio, for agents (see docs/agents.md).")
final class McpCommand implements Callable<Integer> {
    @Mixin PeerOptions instance;

    @Override
    public Integer call() {
        OutputStream protocol = new FileOutputStream(FileDescriptor.out);
        PrintStream stdout = System.out;
        System.setOut(System.err); // whatever else prints (logs) must not corrupt the protocol
        // every tool call's line (actor stdio) reaches the agent host's log of this server
        ((Logger) LoggerFactory.getLogger("fazt.server.mcp")).setLevel(Level.INFO);
        try (InstanceOptions.Connection c = instance.connect()) {
            BundleLimits limits = c.opened() != null ? c.opened().apps().limits() : BundleLimits.defaults();
            StdioMcpTransport.serve(c.node(), limits, System.in, protocol);
        } finally {
            System.setOut(stdout);
        }
        return 0;
    }
}
