package fazt.server.cli;

import fazt.core.apps.BundleLimits;
import fazt.server.mcp.StdioMcpTransport;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code fazt mcp}: an MCP server over stdin/stdout for a local agent, acting on the local
 * instance (through the running server when there is one) or, with {@code --to NAME}, on a
 * linked peer. Stdout carries only protocol messages; logs go to stderr.
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
        try (InstanceOptions.Connection c = instance.connect()) {
            BundleLimits limits = c.opened() != null ? c.opened().apps().limits() : BundleLimits.defaults();
            StdioMcpTransport.serve(c.node(), limits, System.in, protocol);
        } finally {
            System.setOut(stdout);
        }
        return 0;
    }
}
