package fazt.server.cli;

import static fazt.server.cli.CliTest.fazt;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.apps.AppInfo;
import fazt.core.apps.FileInfo;
import fazt.server.TestInstance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fazt app deploy} of a folder with a build step (a real npm running a small node script
 * the test writes), what a deploy leaves out, and {@code fazt app validate}, against a running
 * instance over HTTP.
 */
class AppBuildDeployTest {
    @TempDir
    Path dir;

    final TestInstance t = new TestInstance();
    final String data = t.dir.resolve("data.db").toString();

    @AfterEach
    void stop() {
        t.close();
    }

    void write(Path folder, String rel, String text) throws Exception {
        Path p = folder.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /** A Vite-like project: sources in src/, a build script that writes dist/, a function, secrets that must stay home. */
    Path project(String name, String buildScript) throws Exception {
        Path p = dir.resolve(name);
        write(p, "package.json", "{\"name\": \"" + name + "\", \"private\": true, \"scripts\": {\"build\": \"node build.js\"}}");
        write(p, "build.js", buildScript);
        write(p, "src/main.js", "console.log('hello from the source');\n");
        write(p, "index.html", "<h1>source page, not built</h1>");
        write(p, "api/main.js", "respond({built: true, app: fazt.app.name})");
        write(p, "manifest.json", "{\"name\": \"" + name + "\"}");
        write(p, ".env", "SECRET=do-not-upload");
        write(p, "node_modules/left-pad/index.js", "module.exports = 1;");
        write(p, ".gitignore", "dist/\nnotes.txt\n");
        write(p, "notes.txt", "ignored by .gitignore");
        return p;
    }

    static final String GOOD_BUILD = """
            const fs = require("fs");
            fs.mkdirSync("dist/assets", { recursive: true });
            const code = fs.readFileSync("src/main.js", "utf8");
            fs.writeFileSync("dist/assets/app-3f9a1c.js", "/* built */" + code);
            fs.writeFileSync("dist/index.html", '<h1>built page</h1><script src="/assets/app-3f9a1c.js"></script>');
            console.log("built 2 files into dist/");
            """;

    String body(String host, String path) {
        return new String(t.get(host, path).body(), StandardCharsets.UTF_8);
    }

    @Test
    void aBuildIsRunAndItsOutputDeployedWithTheFunctions() throws Exception {
        Path p = project("built", GOOD_BUILD);
        CliTest.Run r = fazt("app", "deploy", p.toString(), "--data", data);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("building: ").contains("npm run build").contains("built 2 files into dist/");
        assertThat(r.out()).contains("deployed built version 1 (4 files");
        assertThat(body("built.localhost", "/")).contains("built page");
        assertThat(body("built.localhost", "/assets/app-3f9a1c.js")).startsWith("/* built */");
        assertThat(body("built.localhost", "/api")).contains("\"built\":true");
        assertThat(t.fazt.apps().files("built")).extracting(FileInfo::path)
                .containsExactlyInAnyOrder("index.html", "assets/app-3f9a1c.js", "api/main.js", "manifest.json");

        CliTest.Run asItIs = fazt("app", "deploy", p.toString(), "--no-build", "--data", data);
        assertThat(asItIs.code()).as(asItIs.err()).isZero();
        assertThat(asItIs.err()).doesNotContain("building");
        assertThat(body("built.localhost", "/")).contains("source page, not built");
        assertThat(t.fazt.apps().files("built")).extracting(FileInfo::path)
                .doesNotContain(".env", "notes.txt", "dist/index.html", ".gitignore")
                .noneMatch(f -> f.startsWith("node_modules/"));
        assertThat(asItIs.err()).contains("skipped 5 files and folders (not deployed): .env, .gitignore, dist/, node_modules/, notes.txt");
    }

    @Test
    void aFailingBuildStopsWithItsExitCodeAndDeploysNothing() throws Exception {
        Path p = project("broken", """
                console.log("compiling src/main.js");
                console.error("src/main.js:1:1 error: this build is broken on purpose");
                process.exit(3);
                """);
        CliTest.Run r = fazt("app", "deploy", p.toString(), "--data", data);
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("compiling src/main.js").contains("exited with 3")
                .contains("nothing was deployed").contains("this build is broken on purpose");
        assertThat(t.fazt.apps().list()).extracting(AppInfo::name).doesNotContain("broken");
        assertThat(t.get("broken.localhost", "/").statusCode()).isEqualTo(404);
    }

    @Test
    void aPlainFolderNeverSendsSecretsOrDependencies() throws Exception {
        Path p = dir.resolve("plain");
        write(p, "index.html", "<h1>plain</h1>");
        write(p, ".env", "SECRET=1");
        write(p, "node_modules/x/index.js", "x");
        write(p, "logs/.keep", "");
        CliTest.Run r = fazt("app", "deploy", p.toString(), "--data", data);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("skipped 3 files and folders (not deployed): .env, logs/.keep, node_modules/");
        assertThat(t.get("plain.localhost", "/.env").statusCode()).isEqualTo(404);
        assertThat(t.get("plain.localhost", "/node_modules/x/index.js").statusCode()).isEqualTo(404);
        assertThat(t.fazt.apps().files("plain")).extracting(FileInfo::path).containsExactly("index.html");
    }

    @Test
    void validateFindsSyntaxErrorsWithFileAndLineAndDeployRefusesThem() throws Exception {
        Path p = dir.resolve("typo");
        write(p, "index.html", "<h1>typo</h1>");
        write(p, "api/main.js", "const items = [];\n\nrespond(items.map(i => i.name)\n");
        write(p, "api/lib.js", "exports.ok = true;\n");
        write(p, ".env", "SECRET=1");
        CliTest.Run v = fazt("app", "validate", p.toString());
        assertThat(v.code()).isEqualTo(1);
        assertThat(v.err()).contains("error: api/main.js:3: SyntaxError").contains("skipped 1 file or folder (not deployed): .env");
        assertThat(v.out()).contains("1 error; a deploy would stop here");

        CliTest.Run d = fazt("app", "deploy", p.toString(), "--data", data);
        assertThat(d.code()).isEqualTo(1);
        assertThat(d.err()).contains("nothing was deployed").contains("api/main.js:3: SyntaxError");
        assertThat(t.fazt.apps().list()).extracting(AppInfo::name).doesNotContain("typo");

        Files.writeString(p.resolve("api/main.js"), "const items = [];\n\nrespond(items.map(i => i.name))\n");
        CliTest.Run fixed = fazt("app", "validate", p.toString(), "--json");
        assertThat(fixed.code()).isZero();
        assertThat(fixed.json().get("ok").asBoolean()).isTrue();
        assertThat(fixed.json().get("files").asInt()).isEqualTo(3);
        assertThat(fazt("app", "deploy", p.toString(), "--data", data).code()).isZero();
        assertThat(body("typo.localhost", "/api")).isEqualTo("[]");
    }
}
