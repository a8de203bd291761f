package fazt.server.cli;

import fazt.core.FaztException;
import fazt.core.Version;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fazt}: with {@code --server} (or {@code server start}) it runs an instance headless;
 * with no command it opens the desktop when one is installed (see {@link #setDesktop}).
 */
@Command(name = "fazt", mixinStandardHelpOptions = true, versionProvider = FaztCommand.VersionProvider.class,
        description = "A personal cloud in one program and one SQLite file.",
        subcommands = {ServerCommands.class, AppCommands.class, AliasCommands.class, BackupCommand.class, PeerCommands.class,
                StatsCommand.class, ShortLinkCommands.class, AuthCommands.class,
                RestoreCommand.class, McpCommand.class})
public final class FaztCommand implements Callable<Integer> {
    private static volatile DesktopLauncher desktop;

    /** What {@code fazt} with no command runs when the desktop module is present. */
    @FunctionalInterface
    public interface DesktopLauncher {
        int launch(String data, Integer port, boolean minimized);
    }

    @Option(names = "--server", description = "Run headless: no window, listen on all interfaces, log to stdout.")
    boolean server;

    @Option(names = "--port", description = "Port to listen on (default 4698; 80 when HTTPS is on).")
    Integer port;

    @Option(names = "--bind", description = "Address to listen on (default: all interfaces with --server).")
    String bind;

    @CommandLine.Mixin
    HttpsOptions https;

    @Option(names = "--data", description = "Path of data.db, or a folder for it (default: the per-user data folder; env FAZT_DATA).")
    String data;

    @Option(names = "--minimized", description = "Desktop: start in the tray, without showing the window.")
    boolean minimized;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void setDesktop(DesktopLauncher launcher) {
        desktop = launcher;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (server) return ServerRunner.run(data, port, bind, https.flags(), out);
        if (desktop != null) return desktop.launch(data, port, minimized);
        spec.commandLine().usage(out);
        out.println();
        out.println("To run headless: fazt --server");
        return 2;
    }

    /** The command line with fazt's error handling: FaztExceptions print their message and exit 1. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new FaztCommand());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof FaztException fe) {
                err.println("error: " + fe.getMessage());
            } else {
                err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            }
            err.flush();
            return 1;
        });
        return cl;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"fazt " + Version.get()};
        }
    }
}
