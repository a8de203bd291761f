package fazt.core.apps;

import fazt.core.FaztException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Zips the files {@link DeployFiles} picks from a folder. Files that deflate would barely shrink
 * (images, fonts, archives, random bytes) are stored as they are: deflating them costs most of a
 * large deploy's time and saves nothing on the wire.
 */
public final class FolderZip {
    /** The zip, what was left out (folders end in {@code /}) and what the person should know. */
    public record Result(byte[] zip, int fileCount, long bytes, List<String> skipped, List<String> warnings) {}

    /** How much of a file is deflated, fast, to tell whether deflating all of it pays. */
    static final int PROBE_BYTES = 8 * 1024;
    /** Below this a file is deflated without a probe: it costs next to nothing. */
    private static final int PROBE_FROM = 1024;

    private FolderZip() {}

    public static Result zip(Path folder, boolean includePrivate) {
        return zip(folder, DeployFiles.of(folder, includePrivate));
    }

    /** Zips a selection made from {@code folder} (named in errors). */
    public static Result zip(Path folder, DeployFiles.Selection selection) {
        if (selection.files().isEmpty()) throw FaztException.invalid(folder + " holds no files to deploy");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long bytes = 0;
        Deflater probe = new Deflater(Deflater.BEST_SPEED, true);
        byte[] scratch = new byte[PROBE_BYTES + 1024];
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, Path> f : selection.files().entrySet()) {
                byte[] data = Files.readAllBytes(f.getValue());
                zip.putNextEntry(deflates(data, probe, scratch) ? new ZipEntry(f.getKey()) : stored(f.getKey(), data));
                zip.write(data);
                zip.closeEntry();
                bytes += data.length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder + ": " + e.getMessage(), e);
        } finally {
            probe.end();
        }
        return new Result(out.toByteArray(), selection.files().size(), bytes, selection.skipped(), selection.warnings());
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
}
