package fazt.desktop;

import java.awt.TrayIcon;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Notifier} this desktop offers: the tray icon's balloon, else {@code notify-send}, else none. */
final class SystemNotifiers {
    private static final Logger log = LoggerFactory.getLogger(SystemNotifiers.class);
    static final String NOTIFY_SEND = "notify-send";

    private SystemNotifiers() {}

    /** {@code icon} is the tray icon, or null without a tray; {@code path} is the PATH to look for notify-send on. */
    static Notifier choose(TrayIcon icon, String os, String path) {
        if (icon != null) {
            return (title, text, error) -> icon.displayMessage(title, text, error ? TrayIcon.MessageType.ERROR : TrayIcon.MessageType.INFO);
        }
        if (!os.toLowerCase(Locale.ROOT).contains("linux")) return Notifier.NONE;
        return find(NOTIFY_SEND, path).map(SystemNotifiers::notifySend).orElse(Notifier.NONE);
    }

    /** The program {@code name} on {@code path} (entries split by the platform's separator), if it is there and runnable. */
    static Optional<Path> find(String name, String path) {
        if (path == null || path.isBlank()) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) continue;
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** Runs {@code notify-send} without waiting for it; its output is dropped and a failure only logged. */
    static Notifier notifySend(Path program) {
        return (title, text, error) -> {
            try {
                new ProcessBuilder(program.toString(), "--app-name=fazt", "--urgency=" + (error ? "critical" : "normal"), title, text)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            } catch (Exception e) {
                log.warn("could not show a notification with {}: {}", program, e.getMessage());
            }
        };
    }
}
