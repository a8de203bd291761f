package fazt.core.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.FaztException;
import fazt.core.Zips;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BundleTest {
    private static final BundleLimits LIMITS = BundleLimits.defaults();

    private static Bundle read(byte[] zip) {
        return Bundle.readZip(zip, LIMITS);
    }

    private static Bundle read(byte[] zip, BundleLimits limits) {
        return Bundle.readZip(zip, limits);
    }

    @Test
    void readsFilesAndManifest() {
        Bundle b = read(Zips.of(Map.of("index.html", "<h1>hi</h1>", "manifest.json", "{\"name\":\"blog\",\"spa\":true}",
                "static/app.js", "x()")));
        assertThat(b.files()).containsOnlyKeys("index.html", "manifest.json", "static/app.js");
        assertThat(new String(b.files().get("static/app.js"), StandardCharsets.UTF_8)).isEqualTo("x()");
        assertThat(b.manifestName()).isEqualTo("blog");
        assertThat(b.manifestSpa()).isTrue();
    }

    @Test
    void stripsOneCommonTopFolder() {
        Bundle b = read(Zips.of(Map.of("site/index.html", "a", "site/css/x.css", "b")));
        assertThat(b.files()).containsOnlyKeys("index.html", "css/x.css");
    }

    @Test
    void skipsFolderEntriesAndMacMetadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("css/", "");
        m.put("index.html", "a");
        m.put("__MACOSX/._index.html", "junk");
        m.put(".DS_Store", "junk");
        assertThat(read(Zips.of(m)).files()).containsOnlyKeys("index.html");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.txt", "a/../../evil.txt", "/etc/passwd", "C:/windows/x", "a\\b.txt", "a//b.txt",
            "./a.txt", "a/./b.txt", "ok/\u0001.txt"})
    void rejectsDangerousNames(String name) {
        byte[] zip = Zips.of(Map.of("index.html", "ok", name, "bad"));
        assertThatThrownBy(() -> read(zip)).isInstanceOf(FaztException.class)
                .satisfies(e -> assertThat(((FaztException) e).kind()).isEqualTo(FaztException.Kind.INVALID))
                .hasMessageContaining("entry");
    }

    @Test
    void aFolderPartThatLooksLikeADriveIsRefusedBeforeTheCommonFolderIsTakenOff() {
        // found by BundleFuzzTest: 'site/i:dex.html' became 'i:dex.html' once 'site/' was stripped
        byte[] zip = Zips.of(Map.of("site/index.html", "ok", "site/i:dex.html", "bad"));
        assertThatThrownBy(() -> read(zip)).isInstanceOf(FaztException.class)
                .hasMessage("entry 'site/i:dex.html' has a part that starts like a Windows drive ('i:'); rename it");
        assertThat(read(Zips.of(Map.of("site/index.html", "ok", "site/ab:c/x.txt", "x", "site/note 1:2.txt", "y")))
                .files()).containsOnlyKeys("index.html", "ab:c/x.txt", "note 1:2.txt");
    }

    @Test
    void rejectsNulInName() {
        byte[] zip = Zips.of(Map.of("index.html", "ok", "aXb.txt", "bad"));
        byte[] withNul = new String(zip, StandardCharsets.ISO_8859_1).replace("aXb.txt", "a\0b.txt")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> read(withNul)).hasMessageContaining("NUL");
    }

    @Test
    void rejectsDuplicateEntries() {
        assertThatThrownBy(() -> read(Zips.withDuplicate("index.html"))).hasMessageContaining("duplicate entry 'index.html'");
    }

    @Test
    void rejectsZipBombByRatio() {
        byte[] zeros = new byte[20 * 1024 * 1024];
        byte[] zip = Zips.of(Map.of("bomb.bin", zeros));
        assertThat(zip.length).isLessThan(zeros.length / 100);
        assertThatThrownBy(() -> read(zip)).hasMessageContaining("zip bombs are refused");
    }

    @Test
    void smallHighlyCompressibleFilesAreFine() {
        byte[] spaces = new byte[200 * 1024];
        Arrays.fill(spaces, (byte) ' ');
        assertThat(read(Zips.of(Map.of("index.html", spaces))).files()).containsKey("index.html");
    }

    @Test
    void rejectsExpansionPastTheLimit() {
        byte[] random = new byte[300 * 1024];
        new Random(1).nextBytes(random);
        BundleLimits small = new BundleLimits(LIMITS.maxUploadBytes(), 500 * 1024, 100, 100);
        assertThatThrownBy(() -> read(Zips.of(Map.of("a.bin", random, "b.bin", random)), small))
                .isInstanceOf(FaztException.class)
                .satisfies(e -> assertThat(((FaztException) e).kind()).isEqualTo(FaztException.Kind.TOO_LARGE))
                .hasMessageContaining("expands past the limit");
    }

    @Test
    void rejectsUploadsPastTheLimit() {
        byte[] random = new byte[64 * 1024];
        new Random(2).nextBytes(random);
        BundleLimits small = new BundleLimits(10 * 1024, LIMITS.maxExpandedBytes(), 100, 100);
        assertThatThrownBy(() -> read(Zips.of(Map.of("a.bin", random)), small))
                .satisfies(e -> assertThat(((FaztException) e).kind()).isEqualTo(FaztException.Kind.TOO_LARGE));
    }

    @Test
    void rejectsTooManyFiles() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) m.put("f" + i + ".txt", "x");
        BundleLimits small = new BundleLimits(LIMITS.maxUploadBytes(), LIMITS.maxExpandedBytes(), 5, 100);
        assertThatThrownBy(() -> read(Zips.of(m), small)).hasMessageContaining("too many files");
    }

    @Test
    void rejectsNonZipTruncatedAndEmptyBodies() {
        assertThatThrownBy(() -> read("just some text, not a zip".getBytes())).hasMessageContaining("not a zip");
        assertThatThrownBy(() -> read(new byte[0])).hasMessageContaining("empty");
        byte[] zip = Zips.of(Map.of("index.html", "a".repeat(5000) + new Random(3).nextInt()));
        byte[] truncated = Arrays.copyOf(zip, zip.length / 2);
        assertThatThrownBy(() -> read(truncated)).isInstanceOf(FaztException.class).hasMessageContaining("zip");
        assertThatThrownBy(() -> read(Zips.of(Map.of()))).hasMessageContaining("no files");
    }

    @Test
    void rejectsAZipCutBetweenEntries() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a.txt", "first");
        m.put("b.txt", "second");
        m.put("c.txt", "third");
        byte[] zip = Zips.of(m);
        String s = new String(zip, StandardCharsets.ISO_8859_1);
        int third = s.indexOf("PK\3\4", s.indexOf("PK\3\4", 1) + 1);
        assertThat(third).isPositive();
        assertThatThrownBy(() -> read(Arrays.copyOf(zip, third))).hasMessageContaining("truncated");
        byte[] forged = zip.clone();
        int end = s.lastIndexOf("PK\5\6");
        forged[end + 10] = 2;
        forged[end + 8] = 2;
        assertThatThrownBy(() -> read(forged)).hasMessageContaining("damaged");
    }

    @Test
    void rejectsInvalidManifest() {
        assertThatThrownBy(() -> read(Zips.of(Map.of("manifest.json", "{nope", "index.html", "x"))))
                .hasMessageContaining("manifest.json is not valid JSON");
        assertThatThrownBy(() -> read(Zips.of(Map.of("manifest.json", "[1]", "index.html", "x"))))
                .hasMessageContaining("JSON object");
    }

    /** A zip of one entry written as it is (the way {@link FolderZip} sends incompressible files). */
    private static byte[] storedZip(String name, byte[] data) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(data);
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        e.setCrc(crc.getValue());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(e);
            z.write(data);
            z.closeEntry();
        }
        return out.toByteArray();
    }

    @Test
    void readsStoredEntriesAndRefusesOnesPastTheLimitOrDamaged() throws IOException {
        byte[] random = new byte[100_000];
        new Random(5).nextBytes(random);
        byte[] zip = storedZip("photo.jpg", random);
        assertThat(read(zip).files().get("photo.jpg")).isEqualTo(random);

        BundleLimits small = new BundleLimits(LIMITS.maxUploadBytes(), 50_000, 100, 100);
        assertThatThrownBy(() -> read(zip, small))
                .satisfies(e -> assertThat(((FaztException) e).kind()).isEqualTo(FaztException.Kind.TOO_LARGE));

        byte[] damaged = zip.clone();
        damaged[zip.length / 2] ^= 1; // a byte of the file's data: its checksum no longer matches
        assertThatThrownBy(() -> read(damaged)).isInstanceOf(FaztException.class).hasMessageContaining("zip");
    }
}
