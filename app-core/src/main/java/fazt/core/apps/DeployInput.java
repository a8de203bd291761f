package fazt.core.apps;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.FaztException;
import fazt.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the CLI and the desktop send for a deploy of a folder or a zip on this machine: the zip,
 * the app name to ask for (null lets the manifest decide), and warnings for the person.
 */
public record DeployInput(byte[] zip, String appName, List<String> warnings) {
    /**
     * A folder is zipped by the rules of {@link FolderZip}; without {@code name} and without a
     * name in its manifest, the folder's name becomes the app's. A zip is sent as it is.
     */
    public static DeployInput of(Path source, String name, boolean includePrivate) {
        if (Files.isDirectory(source)) {
            FolderZip.Result r = FolderZip.zip(source, includePrivate);
            String app = name;
            if (app == null && !manifestNamesApp(source)) app = folderName(source);
            return new DeployInput(r.zip(), app, r.warnings());
        }
        if (Files.isRegularFile(source)) {
            try {
                return new DeployInput(Files.readAllBytes(source), name, List.of());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
            }
        }
        throw FaztException.invalid(source + " does not exist");
    }

    /**
     * True when the folder's manifest.json names the app (a manifest may hold only other fields,
     * such as schedules). One that cannot be read as JSON counts as naming it: the deploy then
     * refuses it with the parser's message.
     */
    private static boolean manifestNamesApp(Path folder) {
        Path manifest = folder.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) return false;
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readString(manifest));
            return root == null || !root.isObject() || root.path("name").isTextual();
        } catch (IOException e) {
            return true;
        }
    }

    /** {@code My Site} → {@code my-site}. */
    static String folderName(Path dir) {
        String n = dir.toAbsolutePath().normalize().getFileName().toString().toLowerCase(Locale.ROOT);
        return n.replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    }
}
