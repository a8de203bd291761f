package fazt.core.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.FaztException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployFilesTest {
    @TempDir
    Path dir;

    private void write(String rel, String text) throws Exception {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void namesWhatItLeavesOutWithoutWalkingIntoSkippedFolders() throws Exception {
        write("index.html", "x");
        write(".env", "SECRET=1");
        write("node_modules/a/index.js", "a");
        write("node_modules/b/index.js", "b");
        write(".git/HEAD", "ref");
        write("tmp/cache.bin", "c");
        write("app/.hidden", "h");
        write(".gitignore", "tmp/\n");
        DeployFiles.Selection s = DeployFiles.of(dir, false);
        assertThat(s.files()).containsOnlyKeys("index.html");
        assertThat(s.skipped()).containsExactlyInAnyOrder(".env", "node_modules/", ".git/", "tmp/", "app/.hidden", ".gitignore");
    }

    @Test
    void aBuildSendsItsOutputPlusTheApiPrivateAndManifestItDidNotWrite() throws Exception {
        write("src/main.ts", "source");
        write("index.html", "the source page");
        write("api/main.js", "respond(1)");
        write("private/data.json", "{}");
        write("manifest.json", "{\"name\": \"built\"}");
        write("dist/index.html", "built page");
        write("dist/assets/app-1a2b3c.js", "bundle");
        write("dist/.vite/manifest.json", "{}");
        write(".gitignore", "dist/\nnode_modules/\n");
        DeployFiles.Selection s = DeployFiles.of(dir, dir.resolve("dist"), false);
        assertThat(s.files()).containsOnlyKeys("index.html", "assets/app-1a2b3c.js", "api/main.js", "private/data.json", "manifest.json");
        assertThat(s.files().get("index.html")).isEqualTo(dir.resolve("dist/index.html"));
        assertThat(s.skipped()).containsExactly(".vite/");

        write("dist/manifest.json", "{\"name\": \"from-build\"}");
        assertThat(DeployFiles.of(dir, dir.resolve("dist"), false).files().get("manifest.json"))
                .as("what the build wrote wins").isEqualTo(dir.resolve("dist/manifest.json"));
    }

    @Test
    void aGitignoredPrivateFolderIsCarriedIntoABuildOnlyWhenIncluded() throws Exception {
        write("dist/index.html", "built");
        write("private/secret.txt", "s");
        write(".gitignore", "private/\n");
        assertThat(DeployFiles.of(dir, dir.resolve("dist"), false).files()).containsOnlyKeys("index.html");
        assertThat(DeployFiles.of(dir, dir.resolve("dist"), true).files()).containsOnlyKeys("index.html", "private/secret.txt");
    }

    @Test
    void aMissingOutputFolderIsAnError() throws Exception {
        write("index.html", "x");
        assertThatThrownBy(() -> DeployFiles.of(dir, dir.resolve("dist"), false))
                .isInstanceOf(FaztException.class).hasMessageContaining("dist/");
    }
}
