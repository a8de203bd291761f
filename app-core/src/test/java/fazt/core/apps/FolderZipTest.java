package fazt.core.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderZipTest {
    @TempDir
    Path dir;

    private void write(String rel, String text) throws Exception {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void skipsWhatShouldNeverBeDeployed() throws Exception {
        write("index.html", "x");
        write("static/app.js", "y");
        write(".git/config", "secret");
        write(".env", "SECRET=1");
        write("node_modules/lib/index.js", "z");
        write("debug.log", "log");
        write("build/out.txt", "ignored by .gitignore");
        write("keep/build.txt", "kept");
        write("notes.tmp", "ignored");
        write("important.tmp", "re-included");
        write(".gitignore", "# comment\n/build/\n*.tmp\n!important.tmp\n");
        FolderZip.Result r = FolderZip.zip(dir, false);
        Bundle b = Bundle.readZip(r.zip(), BundleLimits.defaults());
        assertThat(b.files()).containsOnlyKeys("index.html", "static/app.js", "keep/build.txt", "important.tmp");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void aGitignoredPrivateFolderIsSkippedWithAWarningUnlessIncluded() throws Exception {
        write("index.html", "x");
        write("private/data.json", "{}");
        write(".gitignore", "private/\n");
        FolderZip.Result skipped = FolderZip.zip(dir, false);
        assertThat(Bundle.readZip(skipped.zip(), BundleLimits.defaults()).files())
                .containsOnlyKeys("index.html");
        assertThat(skipped.warnings()).singleElement().asString().contains("--include-private");
        FolderZip.Result included = FolderZip.zip(dir, true);
        assertThat(Bundle.readZip(included.zip(), BundleLimits.defaults()).files())
                .containsOnlyKeys("index.html", "private/data.json");
    }

    @Test
    void incompressibleFilesAreStoredAndTextIsDeflatedAndBothReadBackAsTheyWere() throws Exception {
        byte[] random = new byte[200_000];
        new Random(7).nextBytes(random);
        Files.write(dir.resolve("photo.jpg"), random);
        Files.write(dir.resolve("noise.bin"), new byte[0]);
        String text = "<p>static files served from one program and one SQLite file</p>\n".repeat(3000);
        write("index.html", text);
        FolderZip.Result r = FolderZip.zip(dir, false);

        Map<String, Integer> methods = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(r.zip()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) methods.put(e.getName(), e.getMethod());
        }
        assertThat(methods).containsEntry("photo.jpg", ZipEntry.STORED).containsEntry("index.html", ZipEntry.DEFLATED);
        assertThat(r.zip().length).isLessThan(random.length + text.length() / 4);

        Bundle b = Bundle.readZip(r.zip(), BundleLimits.defaults());
        assertThat(b.files().get("photo.jpg")).isEqualTo(random);
        assertThat(b.files().get("noise.bin")).isEmpty();
        assertThat(new String(b.files().get("index.html"), StandardCharsets.UTF_8)).isEqualTo(text);
    }
}
