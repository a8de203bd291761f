package fazt.core.apps;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.FaztException;
import fazt.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.Locale;

/**
 * What the CLI and the desktop send for a deploy of a folder or a zip on this machine: the zip,
 * the app name to ask for (null lets the manifest decide), what was left out (folders end in
 * {@code /}), and warnings for the person.
 */
public record DeployInput(byte[] zip, String appName, List<String> skipped, List<String> warnings) {
    /**
     * A folder is zipped with the files {@link DeployFiles} picks; without {@code name} and without a
     * name in its manifest, the folder's name becomes the app's. A zip is sent as it is.
     */
    public static DeployInput of(Path source, String name, boolean includePrivate) {
        return of(source, name, includePrivate, null);
    }

    /** As {@link #of(Path, String, boolean)}, sending a build's {@code output} folder (null: none) for a folder. */
    public static DeployInput of(Path source, String name, boolean includePrivate, Path output) {
        if (Files.isDirectory(source)) {
            FolderZip.Result r = FolderZip.zip(source, DeployFiles.of(source, output, includePrivate));
            String app = name;
            if (app == null && !manifestNamesApp(source)) app = folderName(source);
            return new DeployInput(r.zip(), app, r.skipped(), r.warnings());
        }
        if (Files.isRegularFile(source)) {
            try {
                return new DeployInput(Files.readAllBytes(source), name, List.of(), List.of());
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

    /**
     * A folder as every deploy of one sends it: checked first ({@link AppCheck}: errors stop here,
     * before anything is built or sent), then built when {@code build} is set and the folder has a
     * build script ({@link AppBuild}, searching {@code path} for the package manager; each line it
     * prints goes to {@code buildOutput}), then zipped from the build's output or the folder itself.
     */
    public static DeployInput ofFolder(Path folder, String name, boolean includePrivate, boolean build, String path,
            Consumer<String> buildOutput) {
        AppCheck.Report report = AppCheck.check(folder, includePrivate);
        if (!report.ok()) {
            throw new FaztException(FaztException.Kind.INVALID, "CHECK_FAILED", "the folder has errors; nothing was deployed:\n  "
                    + String.join("\n  ", report.errors()));
        }
        List<String> warnings = new ArrayList<>(report.warnings());
        Path output = null;
        if (build && AppBuild.wanted(folder)) {
            Optional<AppBuild.Plan> plan = AppBuild.plan(folder, path);
            if (plan.isEmpty()) {
                warnings.add("package.json has a build script but " + AppBuild.packageManager(folder)
                        + " is not on the PATH: deploying the folder as it is (--no-build does so without this warning)");
            } else {
                buildOutput.accept("building: " + plan.get().commandLine());
                output = AppBuild.run(plan.get(), buildOutput);
            }
        }
        DeployInput input = of(folder, name, includePrivate, output);
        return new DeployInput(input.zip(), input.appName(), input.skipped(), warnings);
    }

    /** {@code My Site} → {@code my-site}. */
    static String folderName(Path dir) {
        String n = dir.toAbsolutePath().normalize().getFileName().toString().toLowerCase(Locale.ROOT);
        return n.replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    }
}
