package fazt.core.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.core.FaztException;
import fazt.core.schedules.ScheduleManifest;
import fazt.core.net.FetchAllowList;
import fazt.core.realtime.ChannelRules;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The files of one deploy, read from a zip and validated entry by entry before anything is
 * stored (SPEC §3.2). Nothing here touches the database: a Bundle that exists is safe to write.
 */
public final class Bundle {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PATH = 1024;

    private final Map<String, byte[]> files;
    private final ObjectNode manifest;

    private Bundle(Map<String, byte[]> files, ObjectNode manifest) {
        this.files = Collections.unmodifiableMap(files);
        this.manifest = manifest;
    }

    /** Path → bytes, sorted by path. */
    public Map<String, byte[]> files() {
        return files;
    }

    /** The parsed manifest.json, or an empty object when there is none. */
    public ObjectNode manifest() {
        return manifest;
    }

    /** The name the manifest asks for, or null. */
    public String manifestName() {
        JsonNode n = manifest.get("name");
        return n != null && n.isTextual() ? n.asText() : null;
    }

    public boolean manifestSpa() {
        return manifest.path("spa").asBoolean(false);
    }

    public long totalBytes() {
        return files.values().stream().mapToLong(b -> b.length).sum();
    }

    /**
     * Reads and validates a zip held in memory. Throws {@link FaztException} (400 or 413) naming
     * the problem. Entries are read from their local headers and then checked against the central
     * directory at the end, so a zip cut short anywhere is refused rather than half deployed.
     */
    public static Bundle readZip(byte[] zip, BundleLimits limits) {
        if (zip.length > limits.maxUploadBytes()) {
            throw new FaztException(FaztException.Kind.TOO_LARGE, "UPLOAD_TOO_LARGE",
                    "the upload is larger than the limit of " + limits.maxUploadBytes() + " bytes");
        }
        if (zip.length == 0) throw rejected("the upload is empty");
        if (zip.length < 4 || zip[0] != 'P' || zip[1] != 'K') throw rejected("the upload is not a zip file");
        CountingStream counted = new CountingStream(new ByteArrayInputStream(zip));
        Map<String, byte[]> files = new TreeMap<>();
        long expanded = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(counted)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries++;
                String path = checkPath(entry.getName());
                if (entry.isDirectory() || path.startsWith("__MACOSX/") || path.endsWith("/.DS_Store")
                        || path.equals(".DS_Store")) {
                    continue;
                }
                if (files.containsKey(path)) throw rejected("duplicate entry '" + path + "'");
                if (files.size() >= limits.maxFiles()) {
                    throw rejected("too many files: the limit is " + limits.maxFiles());
                }
                long budget = limits.maxExpandedBytes() - expanded;
                byte[] bytes = storedWithSize(entry, budget) ? readStored(in, entry, path) : readEntry(in, counted, path, limits, budget);
                expanded += bytes.length;
                files.put(path, bytes);
            }
        } catch (ZipException | EOFException e) {
            throw rejected("the upload is not a valid zip (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw rejected("the zip could not be read: " + e.getMessage());
        }
        checkCentralDirectory(zip, entries);
        if (files.isEmpty()) throw rejected("the zip holds no files");
        return new Bundle(stripCommonFolder(files), readManifest(files));
    }

    /** The end record must exist and count the entries we read; otherwise the zip was cut or forged. */
    private static void checkCentralDirectory(byte[] zip, int entriesRead) {
        int min = Math.max(0, zip.length - 22 - 0xFFFF);
        for (int i = zip.length - 22; i >= min; i--) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 5 && zip[i + 3] == 6) {
                int total = (zip[i + 10] & 0xFF) | (zip[i + 11] & 0xFF) << 8;
                if (total != 0xFFFF && total != entriesRead) {
                    throw rejected("the zip is damaged: its directory lists " + total + " entries but " + entriesRead + " were found");
                }
                return;
            }
        }
        throw rejected("the zip is truncated: its central directory is missing");
    }

    /**
     * A stored (not deflated) entry names its size in its header and cannot expand: it is read
     * into one array of that size instead of through a growing buffer (a folder's images and other
     * incompressible files come this way from {@link FolderZip}).
     */
    private static boolean storedWithSize(ZipEntry entry, long budget) {
        return entry.getMethod() == ZipEntry.STORED && entry.getSize() >= 0 && entry.getSize() <= budget
                && entry.getSize() < Integer.MAX_VALUE - 8;
    }

    private static byte[] readStored(ZipInputStream zip, ZipEntry entry, String path) throws IOException {
        byte[] bytes = new byte[(int) entry.getSize()];
        int n = zip.readNBytes(bytes, 0, bytes.length);
        if (n < bytes.length || zip.read() >= 0) throw rejected("'" + path + "' does not hold the size its header says");
        return bytes;
    }

    private static byte[] readEntry(ZipInputStream zip, CountingStream counted, String path, BundleLimits limits,
            long budget) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        long compressedStart = counted.count;
        int n;
        while ((n = zip.read(buf)) > 0) {
            out.write(buf, 0, n);
            long size = out.size();
            if (size > budget) {
                throw new FaztException(FaztException.Kind.TOO_LARGE, "BUNDLE_TOO_LARGE",
                        "the zip expands past the limit of " + limits.maxExpandedBytes() + " bytes (at '" + path + "')");
            }
            long compressed = Math.max(1, counted.count - compressedStart);
            if (size > BundleLimits.RATIO_CHECK_FROM && size / compressed > limits.maxRatio()) {
                throw rejected("'" + path + "' expands more than " + limits.maxRatio()
                        + ":1; zip bombs are refused");
            }
        }
        return out.toByteArray();
    }

    /**
     * {@code name} when it may be a file's path in an app, else an INVALID_BUNDLE error: every name
     * that could escape the app or mean two things on two systems is refused.
     */
    public static String checkPath(String name) {
        if (name.isEmpty()) throw rejected("an entry has an empty name");
        if (name.length() > MAX_PATH) throw rejected("an entry name is longer than " + MAX_PATH + " characters");
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == 0) throw rejected("entry '" + printable(name) + "' contains a NUL character");
            if (ch < 0x20 || ch == 0x7f) throw rejected("entry '" + printable(name) + "' contains a control character");
        }
        if (name.indexOf('\\') >= 0) throw rejected("entry '" + name + "' contains a backslash");
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw rejected("entry '" + name + "' is an absolute path");
        }
        String body = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String segment : body.split("/", -1)) {
            if (segment.equals("..")) throw rejected("entry '" + name + "' contains a '..' segment");
            if (segment.isEmpty() || segment.equals(".")) {
                throw rejected("entry '" + name + "' has an empty or '.' segment");
            }
            // 'site/c:x.html' would become the drive path 'c:x.html' once the common folder is taken off
            if (segment.length() >= 2 && segment.charAt(1) == ':' && isAsciiLetter(segment.charAt(0))) {
                throw rejected("entry '" + name + "' has a part that starts like a Windows drive ('"
                        + segment.substring(0, 2) + "'); rename it");
            }
        }
        return name;
    }

    private static boolean isAsciiLetter(char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) b.append(ch < 0x20 || ch == 0x7f ? "\\x" + String.format("%02x", (int) ch) : ch);
        return b.toString();
    }

    /** A zip of a folder often holds {@code folder/...}; serve its contents from the root. */
    private static Map<String, byte[]> stripCommonFolder(Map<String, byte[]> files) {
        String prefix = null;
        for (String path : files.keySet()) {
            int slash = path.indexOf('/');
            if (slash < 0) return files;
            String first = path.substring(0, slash + 1);
            if (prefix == null) prefix = first;
            else if (!prefix.equals(first)) return files;
        }
        Map<String, byte[]> stripped = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) stripped.put(e.getKey().substring(prefix.length()), e.getValue());
        return stripped;
    }

    private static ObjectNode readManifest(Map<String, byte[]> files) {
        byte[] bytes = files.get("manifest.json");
        if (bytes == null) return JSON.createObjectNode();
        try {
            JsonNode node = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
            if (!(node instanceof ObjectNode obj)) throw rejected("manifest.json must be a JSON object");
            ScheduleManifest.read(obj); // a bad job is refused at deploy, with its message
            try {
                FetchAllowList.fromManifest(obj);
            } catch (IllegalArgumentException e) {
                throw rejected(e.getMessage());
            }
            ChannelRules.of(obj); // "realtime": refused here, at deploy, rather than at the first subscribe
            return obj;
        } catch (IOException e) {
            throw rejected("manifest.json is not valid JSON: " + e.getMessage().split("\n", 2)[0]);
        }
    }

    static FaztException rejected(String message) {
        return new FaztException(FaztException.Kind.INVALID, "INVALID_BUNDLE", message);
    }

    /** Counts the compressed bytes read, for the per-entry ratio check. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }

    /** Builds a bundle from files already in memory (used by tests and in-process callers). */
    public static Bundle of(Map<String, byte[]> files) {
        Map<String, byte[]> sorted = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) sorted.put(checkPath(e.getKey()), e.getValue());
        if (sorted.isEmpty()) throw rejected("the bundle holds no files");
        return new Bundle(sorted, readManifest(sorted));
    }
}
