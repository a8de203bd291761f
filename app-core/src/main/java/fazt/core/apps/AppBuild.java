package fazt.core.apps;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.FaztException;
import fazt.core.Json;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The build step of a deploy: a folder whose {@code package.json} has a {@code build} script is
 * built with the package manager its lockfile names ({@code pnpm-lock.yaml} → pnpm,
 * {@code yarn.lock} → yarn, {@code bun.lock}/{@code bun.lockb} → bun, else npm), and its output
 * folder ({@code dist/}, or the manifest's {@code "build": {"output": "…"}}) is what is deployed.
 */
public final class AppBuild {
    /** How a folder is built: the command, where it runs, and the folder it writes. */
    public record Plan(Path folder, List<String> command, Path output) {
        public String commandLine() {
            return String.join(" ", command);
        }
    }

    /** A build that ended with a non-zero exit code; nothing was deployed. */
    public static final class Failed extends FaztException {
        private final int exitCode;

        Failed(int exitCode, String message) {
            super(Kind.INVALID, "BUILD_FAILED", message);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    /** Lines of output a failed build's message repeats. */
    static final int LAST_LINES = 15;
    static final String DEFAULT_OUTPUT = "dist";

    private AppBuild() {}

    /** Whether {@code folder}'s package.json has a {@code build} script. */
    public static boolean wanted(Path folder) {
        JsonNode scripts = packageJson(folder).path("scripts");
        return scripts.path("build").isTextual() && !scripts.path("build").asText().isBlank();
    }

    /** The package manager the folder's lockfile names (npm without one). */
    public static String packageManager(Path folder) {
        if (Files.exists(folder.resolve("pnpm-lock.yaml"))) return "pnpm";
        if (Files.exists(folder.resolve("yarn.lock"))) return "yarn";
        if (Files.exists(folder.resolve("bun.lock")) || Files.exists(folder.resolve("bun.lockb"))) return "bun";
        return "npm";
    }

    /**
     * The build of {@code folder}, or empty when it has no build script or its package manager is
     * not on {@code path} (the {@code PATH} value to search).
     */
    public static Optional<Plan> plan(Path folder, String path) {
        if (!wanted(folder)) return Optional.empty();
        Optional<Path> tool = onPath(packageManager(folder), path);
        return tool.map(t -> new Plan(folder, List.of(t.toString(), "run", "build"), output(folder)));
    }

    /** The output folder: {@code dist/} unless the manifest's {@code build.output} names another one inside the folder. */
    public static Path output(Path folder) {
        String out = manifestOutput(folder);
        if (out.isBlank() || out.startsWith("/") || out.contains("\\") || out.contains(":")
                || List.of(out.split("/")).stream().anyMatch(s -> s.equals("..") || s.equals("."))) {
            throw FaztException.invalid("manifest.json: build.output must be a folder inside the app folder, like \"dist\" (got \""
                    + out + "\")");
        }
        return folder.resolve(out);
    }

    private static String manifestOutput(Path folder) {
        Path manifest = folder.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) return DEFAULT_OUTPUT;
        try {
            JsonNode out = Json.MAPPER.readTree(Files.readString(manifest)).path("build").path("output");
            if (out.isMissingNode()) return DEFAULT_OUTPUT;
            return out.isTextual() ? out.asText().replaceAll("/+$", "") : "";
        } catch (IOException e) {
            return DEFAULT_OUTPUT; // an invalid manifest is reported by AppCheck, before any build
        }
    }

    /**
     * Runs the build, handing each line it prints (stdout and stderr) to {@code onLine}, and returns
     * its output folder. A non-zero exit is a {@link Failed} with the last lines; an output folder
     * the build did not write is an error too.
     */
    public static Path run(Plan plan, Consumer<String> onLine) {
        Deque<String> last = new ArrayDeque<>();
        int code;
        try {
            Process p = new ProcessBuilder(plan.command()).directory(plan.folder().toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    onLine.accept(line);
                    last.addLast(line);
                    if (last.size() > LAST_LINES) last.removeFirst();
                }
            }
            code = p.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + plan.commandLine() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FaztException.invalid("the build was interrupted");
        }
        if (code != 0) {
            String hint = Files.isDirectory(plan.folder().resolve("node_modules")) ? ""
                    : "\n(there is no node_modules/ folder: install the dependencies first, e.g. " + plan.command().get(0) + " install)";
            throw new Failed(code, "the build failed (" + plan.commandLine() + " exited with " + code + "); nothing was deployed. "
                    + "Its last lines:\n" + String.join("\n", last) + hint);
        }
        if (!Files.isDirectory(plan.output())) {
            throw FaztException.invalid("the build succeeded but wrote no " + plan.folder().relativize(plan.output())
                    + "/ folder; set \"build\": {\"output\": \"…\"} in manifest.json to the folder it writes");
        }
        return plan.output();
    }

    /** The executable {@code name} in one of the {@code PATH} folders (with .cmd/.exe on Windows). */
    static Optional<Path> onPath(String name, String path) {
        if (path == null) return Optional.empty();
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> names = windows ? List.of(name + ".cmd", name + ".exe", name) : List.of(name);
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) continue;
            for (String n : names) {
                Path p = Path.of(dir, n);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static JsonNode packageJson(Path folder) {
        Path file = folder.resolve("package.json");
        if (!Files.isRegularFile(file)) return Json.MAPPER.createObjectNode();
        try {
            return Json.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw FaztException.invalid("package.json is not valid JSON: " + e.getMessage().split("\n", 2)[0]);
        }
    }
}
