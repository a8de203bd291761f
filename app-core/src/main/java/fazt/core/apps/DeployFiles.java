package fazt.core.apps;

import fazt.core.FaztException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which files of a folder on this machine a deploy sends (SPEC §3.2), decided once for the CLI,
 * the desktop and {@code app validate}: never {@code node_modules}, {@code .git}, dotfiles and
 * dot-folders, {@code *.log}, nor what the folder's {@code .gitignore} ignores; a gitignored
 * {@code private/} only with {@code includePrivate}. For a built app the files come from the
 * build's output folder (where the folder's .gitignore does not apply: build output is usually
 * ignored), with {@code api/}, {@code private/} and {@code manifest.json} taken from the folder
 * when the build did not write them.
 */
public final class DeployFiles {
    /** Deploy path → file; what was left out (folders end in {@code /}); what the person should know. */
    public record Selection(SortedMap<String, Path> files, List<String> skipped, List<String> warnings) {}

    /** What a build output lacks is taken from the source folder. */
    static final List<String> CARRIED_OVER = List.of("api", "private", "manifest.json");

    private DeployFiles() {}

    /** The files of {@code folder} a deploy sends. */
    public static Selection of(Path folder, boolean includePrivate) {
        return of(folder, null, includePrivate);
    }

    /** The files of a build's {@code output} folder plus what it lacks of {@link #CARRIED_OVER}; {@code output} null: the folder itself. */
    public static Selection of(Path folder, Path output, boolean includePrivate) {
        if (!Files.isDirectory(folder)) throw FaztException.invalid(folder + " is not a folder");
        GitIgnore ignore = GitIgnore.load(folder.resolve(".gitignore"));
        List<String> warnings = new ArrayList<>();
        boolean privateIgnored = ignore.ignores("private", true) && Files.isDirectory(folder.resolve("private"));
        if (privateIgnored) {
            warnings.add(includePrivate ? "private/ is gitignored but included (--include-private)"
                    : "private/ is gitignored and was skipped; pass --include-private to deploy it");
        }
        Rules rules = new Rules(ignore, privateIgnored && includePrivate ? "private" : null);
        SortedMap<String, Path> files = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        if (output == null) {
            walk(folder, "", rules, files, skipped);
        } else {
            if (!Files.isDirectory(output)) throw FaztException.invalid("the build wrote no " + folder.relativize(output) + "/ folder");
            walk(output, "", new Rules(GitIgnore.NONE, null), files, skipped);
            for (String top : CARRIED_OVER) {
                Path p = folder.resolve(top);
                boolean present = files.keySet().stream().anyMatch(k -> k.equals(top) || k.startsWith(top + "/"));
                if (present || !Files.exists(p)) continue;
                if (rules.ignores(top, Files.isDirectory(p))) {
                    skipped.add(Files.isDirectory(p) ? top + "/" : top);
                } else if (Files.isDirectory(p)) {
                    walk(p, top + "/", rules, files, skipped);
                } else {
                    files.put(top, p);
                }
            }
        }
        skipped.sort(null);
        return new Selection(files, skipped, warnings);
    }

    /** The folder's .gitignore, and a folder it lists that is deployed anyway ({@code --include-private}). */
    private record Rules(GitIgnore ignore, String keep) {
        boolean ignores(String rel, boolean dir) {
            return !rel.equals(keep) && ignore.matches(rel, dir);
        }
    }

    /** Adds the files under {@code root} as {@code prefix + relative path}; the fixed rules always apply. */
    private static void walk(Path root, String prefix, Rules rules, SortedMap<String, Path> files, List<String> skipped) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(root)) return FileVisitResult.CONTINUE;
                    String rel = prefix + root.relativize(dir).toString().replace('\\', '/');
                    if (!left(rel, dir.getFileName().toString(), true, rules)) return FileVisitResult.CONTINUE;
                    skipped.add(rel + "/");
                    return FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!attrs.isRegularFile()) return FileVisitResult.CONTINUE;
                    String rel = prefix + root.relativize(file).toString().replace('\\', '/');
                    if (left(rel, file.getFileName().toString(), false, rules)) skipped.add(rel);
                    else files.put(rel, file);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root + ": " + e.getMessage(), e);
        }
    }

    private static boolean left(String rel, String name, boolean dir, Rules rules) {
        if (name.startsWith(".") || name.equals("node_modules")) return true;
        if (!dir && name.endsWith(".log")) return true;
        return rules.ignores(rel, dir);
    }
}
