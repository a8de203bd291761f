package fazt.core.apps;

import fazt.core.FaztException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Zips a folder for deploy the way SPEC §3.2 says: skips {@code .git}, {@code node_modules},
 * dotfiles and {@code *.log}, honours the folder's top-level {@code .gitignore}, and skips a
 * gitignored {@code private/} with a warning unless asked to include it. Files that deflate
 * would barely shrink (images, fonts, archives, random bytes) are stored as they are: deflating
 * them costs most of a large deploy's time and saves nothing on the wire.
 */
public final class FolderZip {
    /** The zip and what the person should know about it. */
    public record Result(byte[] zip, int fileCount, long bytes, List<String> warnings) {}

    /** How much of a file is deflated, fast, to tell whether deflating all of it pays. */
    static final int PROBE_BYTES = 8 * 1024;
    /** Below this a file is deflated without a probe: it costs next to nothing. */
    private static final int PROBE_FROM = 1024;

    private FolderZip() {}

    public static Result zip(Path folder, boolean includePrivate) {
        if (!Files.isDirectory(folder)) throw FaztException.invalid(folder + " is not a folder");
        GitIgnore ignore = GitIgnore.load(folder.resolve(".gitignore"));
        List<String> warnings = new ArrayList<>();
        boolean privateIgnored = ignore.ignores("private", true);
        if (privateIgnored && Files.isDirectory(folder.resolve("private"))) {
            warnings.add(includePrivate ? "private/ is gitignored but included (--include-private)"
                    : "private/ is gitignored and was skipped; pass --include-private to deploy it");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int count = 0;
        long bytes = 0;
        Deflater probe = new Deflater(Deflater.BEST_SPEED, true);
        byte[] scratch = new byte[PROBE_BYTES + 1024];
        try (ZipOutputStream zip = new ZipOutputStream(out); Stream<Path> walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                if (!Files.isRegularFile(p)) continue;
                String rel = folder.relativize(p).toString().replace('\\', '/');
                if (skipped(rel, ignore, includePrivate && privateIgnored)) continue;
                byte[] data = Files.readAllBytes(p);
                zip.putNextEntry(deflates(data, probe, scratch) ? new ZipEntry(rel) : stored(rel, data));
                zip.write(data);
                zip.closeEntry();
                count++;
                bytes += data.length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder + ": " + e.getMessage(), e);
        } finally {
            probe.end();
        }
        if (count == 0) throw FaztException.invalid(folder + " holds no files to deploy");
        return new Result(out.toByteArray(), count, bytes, warnings);
    }

    /** Whether deflate saves at least a tenth of the file's first {@link #PROBE_BYTES}. */
    static boolean deflates(byte[] data, Deflater probe, byte[] scratch) {
        int n = Math.min(data.length, PROBE_BYTES);
        if (n < PROBE_FROM) return true;
        probe.reset();
        probe.setInput(data, 0, n);
        probe.finish();
        int size = 0;
        while (!probe.finished()) size += probe.deflate(scratch);
        return size < n * 0.9;
    }

    /** An entry written as it is; a stored entry names its size and checksum up front. */
    private static ZipEntry stored(String rel, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        ZipEntry e = new ZipEntry(rel);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        e.setCrc(crc.getValue());
        return e;
    }

    private static boolean skipped(String rel, GitIgnore ignore, boolean keepPrivate) {
        String[] parts = rel.split("/");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith(".") || part.equals("node_modules")) return true;
            String prefix = String.join("/", java.util.Arrays.copyOfRange(parts, 0, i + 1));
            boolean dir = i < parts.length - 1;
            if (keepPrivate && prefix.equals("private")) continue;
            if (ignore.ignores(prefix, dir)) return true;
        }
        return rel.endsWith(".log");
    }

    /** The common subset of .gitignore: globs with * ? **, a leading / to anchor, a trailing / for folders, ! to re-include. */
    static final class GitIgnore {
        private record Rule(Pattern pattern, boolean dirOnly, boolean negate) {}

        private final List<Rule> rules;

        private GitIgnore(List<Rule> rules) {
            this.rules = rules;
        }

        static GitIgnore load(Path file) {
            List<Rule> rules = new ArrayList<>();
            if (Files.isRegularFile(file)) {
                try {
                    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        Rule r = parse(line.strip());
                        if (r != null) rules.add(r);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new GitIgnore(rules);
        }

        private static Rule parse(String line) {
            if (line.isEmpty() || line.startsWith("#")) return null;
            boolean negate = line.startsWith("!");
            if (negate) line = line.substring(1);
            boolean dirOnly = line.endsWith("/");
            if (dirOnly) line = line.substring(0, line.length() - 1);
            boolean anchored = line.startsWith("/") || line.contains("/");
            if (line.startsWith("/")) line = line.substring(1);
            if (line.isEmpty()) return null;
            String regex = (anchored ? "^" : "^(?:.*/)?") + globToRegex(line) + "$";
            return new Rule(Pattern.compile(regex), dirOnly, negate);
        }

        private static String globToRegex(String glob) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < glob.length(); i++) {
                char c = glob.charAt(i);
                if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    b.append(".*");
                    i++;
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') i++;
                } else if (c == '*') {
                    b.append("[^/]*");
                } else if (c == '?') {
                    b.append("[^/]");
                } else {
                    b.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return b.toString();
        }

        boolean ignores(String path, boolean isDir) {
            boolean ignored = false;
            for (Rule r : rules) {
                if (r.dirOnly && !isDir) continue;
                if (r.pattern.matcher(path).matches()) ignored = !r.negate;
            }
            return ignored;
        }
    }
}
