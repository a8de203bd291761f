package fazt.desktop;

import java.awt.Desktop;
import java.net.URI;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens a URL in the person's browser. */
public final class Browser {
    private static final Logger log = LoggerFactory.getLogger(Browser.class);

    private Browser() {}

    public static void open(String url) {
        Thread.ofPlatform().daemon().start(() -> {
            try {
                if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                    Desktop.getDesktop().browse(URI.create(url));
                    return;
                }
                String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
                String[] cmd = os.contains("mac") ? new String[] {"open", url}
                        : os.contains("win") ? new String[] {"rundll32", "url.dll,FileProtocolHandler", url}
                        : new String[] {"xdg-open", url};
                new ProcessBuilder(cmd).inheritIO().start();
            } catch (Exception e) {
                log.warn("could not open {} in a browser: {}", url, e.getMessage());
            }
        });
    }
}
