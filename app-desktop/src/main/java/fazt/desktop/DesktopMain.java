package fazt.desktop;

import fazt.server.cli.FaztCommand;
import fazt.server.cli.Main;
import fazt.server.cli.ServerRunner;
import java.io.PrintWriter;

/**
 * The entry point of the installed app and of {@code ./fazt}. With a command it is the CLI. With
 * none it runs the instance on loopback only, as the desktop will; the window and the tray
 * arrive with the desktop work (issue 4), until then this prints where to open fazt.
 */
public final class DesktopMain {
    private DesktopMain() {}

    public static void main(String[] args) {
        FaztCommand.setDesktop((data, port) -> {
            PrintWriter out = new PrintWriter(System.out, true);
            out.println("fazt desktop: the window is not built yet; serving on this machine only (loopback).");
            return ServerRunner.run(data, port, "127.0.0.1", out);
        });
        Main.main(args);
    }
}
