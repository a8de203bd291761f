package fazt.desktop;

import fazt.core.net.OutboundFetch;
import fazt.server.cli.FaztCommand;
import fazt.server.cli.Main;

/**
 * The entry point of the installed app and of {@code ./fazt}. With a command (or
 * {@code --server}) it is the CLI and never loads JavaFX or AWT; with none it opens the desktop.
 * This class must not extend {@code Application} (STACK.md P8).
 */
public final class DesktopMain {
    private DesktopMain() {}

    public static void main(String[] args) {
        OutboundFetch.allowHostHeader(); // before any HTTP client of the JVM is made (functions' fetch needs it)
        FaztCommand.setDesktop(DesktopLauncher::launch);
        Main.main(args);
    }
}
