package fazt.core.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
