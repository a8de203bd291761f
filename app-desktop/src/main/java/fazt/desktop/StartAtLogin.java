package fazt.desktop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The opt-in "Start at login": an XDG autostart entry on Linux, a file in the Startup folder on
 * Windows, a LaunchAgent on macOS, each starting the installed launcher with {@code --minimized}.
 * It is only offered for the installed app, whose launcher path jpackage provides.
 */
final class StartAtLogin {
    private StartAtLogin() {}

    /** The installed launcher, or null when running from a checkout. */
    private static String launcher() {
        return System.getProperty("jpackage.app-path");
    }

    static boolean available() {
        return launcher() != null;
    }

    static boolean enabled() {
        return Files.exists(entry());
    }

    static void set(boolean on) {
        write(entry(), on, launcher(), os());
    }

    /** Creates or removes {@code entry} for {@code launcher}; the seam the tests use. */
    static void write(Path entry, boolean on, String launcher, String os) {
        try {
            if (!on) {
                Files.deleteIfExists(entry);
                return;
            }
            if (launcher == null) throw new IllegalStateException("start at login needs the installed fazt");
            Files.createDirectories(entry.getParent());
            Files.writeString(entry, content(launcher, os));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot change " + entry + ": " + e.getMessage(), e);
        }
    }

    private static String os() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    }

    static Path entry() {
        return entry(Path.of(System.getProperty("user.home")), System.getenv("APPDATA"), System.getenv("XDG_CONFIG_HOME"), os());
    }

    static Path entry(Path home, String appData, String xdg, String os) {
        if (os.contains("win")) {
            Path base = appData != null ? Path.of(appData) : home.resolve("AppData/Roaming");
            return base.resolve("Microsoft/Windows/Start Menu/Programs/Startup/fazt.cmd");
        }
        if (os.contains("mac")) return home.resolve("Library/LaunchAgents/app.fazt.plist");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config")).resolve("autostart/fazt.desktop");
    }

    static String content(String launcher, String os) {
        if (os.contains("win")) return "@start \"\" \"" + launcher + "\" --minimized\r\n";
        if (os.contains("mac")) {
            return """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                    <plist version="1.0"><dict>
                      <key>Label</key><string>app.fazt</string>
                      <key>ProgramArguments</key><array><string>%s</string><string>--minimized</string></array>
                      <key>RunAtLoad</key><true/>
                    </dict></plist>
                    """.formatted(launcher);
        }
        return "[Desktop Entry]\nType=Application\nName=fazt\nExec=\"" + launcher + "\" --minimized\n"
                + "X-GNOME-Autostart-enabled=true\n";
    }
}
