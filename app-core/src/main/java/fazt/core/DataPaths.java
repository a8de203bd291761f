package fazt.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where data.db lives (SPEC §2): {@code --data}, else {@code FAZT_DATA}, else the OS's per-user data folder. */
public final class DataPaths {
    public static final String FILE_NAME = "data.db";

    private DataPaths() {}

    /**
     * Resolves the data file. {@code given} may name the file or a folder to hold {@code data.db}
     * (an existing folder, or any path ending in a separator).
     */
    public static Path resolve(String given, Map<String, String> env) {
        String chosen = given != null && !given.isBlank() ? given : env.get("FAZT_DATA");
        if (chosen == null || chosen.isBlank()) return defaultFile(env);
        Path p = Path.of(chosen.startsWith("~/") ? System.getProperty("user.home") + chosen.substring(1) : chosen);
        if (Files.isDirectory(p) || chosen.endsWith("/") || chosen.endsWith("\\")) p = p.resolve(FILE_NAME);
        return p.toAbsolutePath().normalize();
    }

    static Path defaultFile(Map<String, String> env) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        Path dir;
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            dir = appData != null ? Path.of(appData, "fazt") : home.resolve("AppData/Roaming/fazt");
        } else if (os.contains("mac")) {
            dir = home.resolve("Library/Application Support/fazt");
        } else {
            String xdg = env.get("XDG_DATA_HOME");
            dir = xdg != null && !xdg.isBlank() ? Path.of(xdg, "fazt") : home.resolve(".local/share/fazt");
        }
        return dir.resolve(FILE_NAME).toAbsolutePath();
    }
}
