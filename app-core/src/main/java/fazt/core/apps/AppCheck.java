package fazt.core.apps;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.FaztException;
import fazt.core.Json;
import fazt.core.js.SyntaxCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code fazt app validate} says about a folder, and what every deploy of a folder checks
 * before it builds or sends anything: the manifest, every {@code api/*.js} parsed by the engine the
 * server runs (not run), and warnings about files a deploy leaves out or that are large.
 */
public final class AppCheck {
    /** Files from this size get a warning: they slow every deploy and count against the upload limit. */
    public static final long LARGE_FILE_BYTES = 10L * 1024 * 1024;
    /** Skipped paths a warning names before it says "and N more". */
    static final int NAMED_SKIPS = 5;

    /**
     * Errors stop a deploy; warnings do not. {@code files} is what a deploy of the folder as it is
     * would send and leave out ({@link #skippedLine} says the latter in words).
     */
    public record Report(List<String> errors, List<String> warnings, DeployFiles.Selection files) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private AppCheck() {}

    public static Report check(Path folder, boolean includePrivate) {
        if (!Files.isDirectory(folder)) throw FaztException.invalid(folder + " is not a folder");
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        checkManifest(folder, errors);
        DeployFiles.Selection files = DeployFiles.of(folder, includePrivate);
        warnings.addAll(files.warnings());
        Map<String, String> scripts = new LinkedHashMap<>();
        for (Map.Entry<String, Path> f : files.files().entrySet()) {
            long size = size(f.getValue());
            if (size >= LARGE_FILE_BYTES) warnings.add(f.getKey() + " is large (" + size / (1024 * 1024) + " MB)");
            if (f.getKey().startsWith("api/") && f.getKey().endsWith(".js")) scripts.put(f.getKey(), read(f.getValue()));
        }
        if (!files.files().containsKey("index.html") && !AppBuild.wanted(folder)) {
            warnings.add("there is no index.html: the app's front page will answer 404");
        }
        for (SyntaxCheck.Problem p : SyntaxCheck.check(scripts)) errors.add(p.toString());
        return new Report(errors, warnings, files);
    }

    /** "skipped 3 files and folders (not deployed): .env, node_modules/, .git/". */
    public static String skippedLine(List<String> skipped) {
        String named = String.join(", ", skipped.subList(0, Math.min(NAMED_SKIPS, skipped.size())));
        String more = skipped.size() > NAMED_SKIPS ? " and " + (skipped.size() - NAMED_SKIPS) + " more" : "";
        return "skipped " + skipped.size() + (skipped.size() == 1 ? " file or folder" : " files and folders")
                + " (not deployed): " + named + more;
    }

    private static void checkManifest(Path folder, List<String> errors) {
        Path file = folder.resolve("manifest.json");
        if (!Files.isRegularFile(file)) return;
        JsonNode m;
        try {
            m = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            errors.add("manifest.json is not valid JSON: " + e.getMessage().split("\n", 2)[0]);
            return;
        }
        if (m == null || !m.isObject()) {
            errors.add("manifest.json must be a JSON object, like {\"name\": \"my-app\"}");
            return;
        }
        JsonNode name = m.get("name");
        if (name != null) {
            if (!name.isTextual()) errors.add("manifest.json: name must be a string");
            else try {
                AppNames.checkDeployable(AppNames.normalize(name.asText(), List.of()));
            } catch (FaztException e) {
                errors.add("manifest.json: " + e.getMessage());
            }
        }
        if (m.has("spa") && !m.get("spa").isBoolean()) errors.add("manifest.json: spa must be true or false");
        if (m.has("build")) {
            try {
                AppBuild.output(folder);
            } catch (FaztException e) {
                errors.add(e.getMessage());
            }
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
