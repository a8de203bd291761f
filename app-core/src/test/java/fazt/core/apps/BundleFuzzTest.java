package fazt.core.apps;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import fazt.core.FaztException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The zip reader under hostile uploads (docs/testing.md): whatever the bytes, a deploy either gets
 * a bundle whose every path is safe and whose size is within the limits, or a {@link FaztException}
 * naming the problem; never another exception, never a hang. Small limits here let the fuzzer reach
 * the size, count and ratio rules with small inputs.
 */
class BundleFuzzTest {
    private static final BundleLimits LIMITS = new BundleLimits(64 * 1024, 2 * 1024 * 1024, 16, 100);

    /** Raw bytes as an upload: malformed, truncated, forged directories, bombs. */
    @FuzzTest(maxDuration = "5m")
    void anyUploadIsReadOrRefusedClearly(byte[] upload) {
        readOrRefuse(upload);
    }

    /** Well-formed zips whose entry names and contents the fuzzer picks: traversal, odd names, duplicates. */
    @FuzzTest(maxDuration = "5m")
    void anyEntryNamesAreReadOrRefusedClearly(FuzzedDataProvider data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            int entries = data.consumeInt(0, 6);
            for (int i = 0; i < entries; i++) {
                ZipEntry entry = new ZipEntry(data.consumeString(80));
                entry.setMethod(data.consumeBoolean() ? ZipEntry.DEFLATED : ZipEntry.STORED);
                byte[] content = data.consumeBytes(data.consumeInt(0, 512));
                if (entry.getMethod() == ZipEntry.STORED) storedSizes(entry, content);
                try {
                    zip.putNextEntry(entry);
                } catch (java.util.zip.ZipException duplicate) {
                    continue; // ZipOutputStream refuses what it cannot write; the raw-bytes target covers those
                }
                zip.write(content);
                zip.closeEntry();
            }
        } catch (IllegalArgumentException tooLongName) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        readOrRefuse(out.toByteArray());
    }

    private static void storedSizes(ZipEntry entry, byte[] content) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(content);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        entry.setCrc(crc.getValue());
    }

    private static void readOrRefuse(byte[] upload) {
        Bundle bundle;
        try {
            bundle = Bundle.readZip(upload, LIMITS);
        } catch (FaztException refused) {
            assertThat(refused.kind()).isIn(FaztException.Kind.INVALID, FaztException.Kind.TOO_LARGE);
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(bundle.files()).isNotEmpty().hasSizeLessThanOrEqualTo(LIMITS.maxFiles());
        assertThat(bundle.totalBytes()).isLessThanOrEqualTo(LIMITS.maxExpandedBytes());
        for (Map.Entry<String, byte[]> file : bundle.files().entrySet()) {
            String path = file.getKey();
            assertThat(Bundle.checkPath(path)).isEqualTo(path);
            assertThat(path).doesNotStartWith("/").doesNotContain("\\").doesNotContain("//");
        }
    }
}
