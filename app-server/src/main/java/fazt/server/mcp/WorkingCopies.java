package fazt.server.mcp;

import fazt.core.FaztException;
import fazt.core.Node;
import fazt.core.apps.AppInfo;
import fazt.core.apps.Bundle;
import fazt.core.apps.BundleLimits;
import fazt.core.apps.DeployResult;
import fazt.core.apps.FileInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The files an agent is editing, per app, held by the MCP server until it deploys them as one new
 * version: {@code write_files} puts edits here (the first edit starts from the active version's
 * files), {@code deploy} zips them and deploys through the {@link Node}, which applies every
 * rule of a deploy. Paths and sizes are checked on every write, so a bad edit changes nothing.
 */
final class WorkingCopies {
    private final Node node;
    private final Supplier<BundleLimits> limits;
    private final Map<String, Map<String, byte[]>> copies = new ConcurrentHashMap<>();

    WorkingCopies(Node node, Supplier<BundleLimits> limits) {
        this.node = node;
        this.limits = limits;
    }

    /** What a write left: the working copy's file count and size. */
    record Written(String app, int changed, int files, long bytes) {}

    /**
     * Applies {@code edits} (path → new text) and {@code removals} (paths) to the app's working
     * copy, all or nothing. A new app (no such app yet) starts empty.
     */
    Written write(String app, Map<String, String> edits, List<String> removals) {
        if (edits.isEmpty() && removals.isEmpty()) throw FaztException.invalid("name at least one file to write or remove");
        synchronized (this) {
            Map<String, byte[]> next = new TreeMap<>(copies.containsKey(app) ? copies.get(app) : startingFiles(app));
            for (String path : removals) {
                if (next.remove(Bundle.checkPath(path)) == null) throw FaztException.notFound("the working copy has no file '" + path + "'");
            }
            for (Map.Entry<String, String> e : edits.entrySet()) {
                String path = Bundle.checkPath(e.getKey());
                if (path.endsWith("/")) throw FaztException.invalid("'" + path + "' is a folder, not a file");
                next.put(path, e.getValue().getBytes(StandardCharsets.UTF_8));
            }
            long bytes = check(next);
            copies.put(app, next);
            return new Written(app, edits.size() + removals.size(), next.size(), bytes);
        }
    }

    /** The working copy's paths and sizes, or empty when the app has none. */
    Map<String, Integer> list(String app) {
        Map<String, Integer> out = new TreeMap<>();
        Map<String, byte[]> copy = copies.get(app);
        if (copy != null) copy.forEach((path, bytes) -> out.put(path, bytes.length));
        return out;
    }

    /** Deploys the working copy as one new version of the app, then forgets it. */
    DeployResult deploy(String app) {
        Map<String, byte[]> copy = copies.get(app);
        if (copy == null) throw FaztException.invalid("'" + app + "' has no working copy: write_files first, or pass a folder (fazt mcp only)");
        if (copy.isEmpty()) throw FaztException.invalid("the working copy of '" + app + "' holds no files");
        refuseOneFolder(copy);
        DeployResult result = node.deploy(app, zip(copy), null, n -> {});
        copies.remove(app, copy);
        return result;
    }

    /**
     * A zip whose files all sit in one folder is served from inside that folder (the usual zip of
     * a folder), so a copy of only {@code api/…} would lose its {@code api/}: said, not done.
     */
    private static void refuseOneFolder(Map<String, byte[]> copy) {
        String first = copy.keySet().iterator().next();
        int slash = first.indexOf('/');
        if (slash < 0) return;
        String folder = first.substring(0, slash + 1);
        if (copy.keySet().stream().allMatch(p -> p.startsWith(folder))) {
            throw FaztException.invalid("every file is under '" + folder + "'; a deploy would serve that folder's contents from the"
                    + " root. Add a file outside it (an index.html) first");
        }
    }

    /** Drops an app's working copy (after it was deleted). */
    void forget(String app) {
        copies.remove(app);
    }

    private Map<String, byte[]> startingFiles(String app) {
        AppInfo info;
        try {
            info = node.app(app);
        } catch (FaztException e) {
            if (e.kind() == FaztException.Kind.NOT_FOUND) return Map.of();
            throw e;
        }
        Map<String, byte[]> files = new TreeMap<>();
        if (info.activeVersion() == null) return files;
        for (FileInfo f : node.files(app)) files.put(f.path(), node.fileContent(app, f.path()));
        return files;
    }

    private long check(Map<String, byte[]> files) {
        BundleLimits now = limits.get();
        if (files.size() > now.maxFiles()) throw FaztException.invalid("too many files: the limit is " + now.maxFiles());
        long total = 0;
        for (byte[] b : files.values()) total += b.length;
        if (total > now.maxExpandedBytes()) {
            throw new FaztException(FaztException.Kind.TOO_LARGE, "TOO_LARGE",
                    "the working copy would hold " + total + " bytes; an app may hold at most " + now.maxExpandedBytes());
        }
        return total;
    }

    private static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
