package fazt.core.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppCheckTest {
    @TempDir
    Path dir;

    private void write(String rel, String text) throws Exception {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void aFolderThatDeploysCleanlyHasNoErrors() throws Exception {
        write("index.html", "x");
        write("manifest.json", "{\"name\": \"fine\", \"spa\": true}");
        write("api/main.js", "const { add } = require('./lib');\nreturn respond(add(1, 2))");
        write("api/lib.js", "exports.add = (a, b) => a + b;\n");
        AppCheck.Report r = AppCheck.check(dir, false);
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.ok()).isTrue();
    }

    @Test
    void syntaxErrorsAreReportedWithFileAndLine() throws Exception {
        write("index.html", "x");
        write("api/main.js", "const a = 1;\nconst b = 2;\nfunction broken( {\n");
        write("api/lib/util.js", "exports.x = 1;\n\n\nexports.y = = 2;\n");
        write("api/ok.js", "module.exports = 1;");
        AppCheck.Report r = AppCheck.check(dir, false);
        assertThat(r.errors()).hasSize(2);
        assertThat(r.errors().get(0)).startsWith("api/lib/util.js:4: SyntaxError");
        assertThat(r.errors().get(1)).startsWith("api/main.js:3: SyntaxError");
    }

    @Test
    void theManifestIsChecked() throws Exception {
        write("index.html", "x");
        write("manifest.json", "{\"name\": \"Not A Name!\", \"spa\": \"yes\", \"build\": {\"output\": \"../elsewhere\"}}");
        AppCheck.Report r = AppCheck.check(dir, false);
        assertThat(r.errors()).hasSize(3).anySatisfy(e -> assertThat(e).contains("invalid name"))
                .anySatisfy(e -> assertThat(e).contains("spa must be"))
                .anySatisfy(e -> assertThat(e).contains("build.output"));
        write("manifest.json", "[1, 2]");
        assertThat(AppCheck.check(dir, false).errors()).singleElement().asString().contains("must be a JSON object");
        write("manifest.json", "{\"name\": ");
        assertThat(AppCheck.check(dir, false).errors()).singleElement().asString().contains("not valid JSON");
    }

    @Test
    void warnsAboutSkippedLargeAndMissingFiles() throws Exception {
        write(".env", "SECRET=1");
        write("node_modules/x/index.js", "x");
        Files.write(dir.resolve("video.mp4"), new byte[(int) AppCheck.LARGE_FILE_BYTES]);
        AppCheck.Report r = AppCheck.check(dir, false);
        assertThat(r.errors()).isEmpty();
        assertThat(AppCheck.skippedLine(r.files().skipped())).isEqualTo("skipped 2 files and folders (not deployed): .env, node_modules/");
        assertThat(r.warnings()).containsExactlyInAnyOrder(
                "video.mp4 is large (10 MB)",
                "there is no index.html: the app's front page will answer 404");
    }
}
