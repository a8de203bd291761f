package fazt.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Json;
import fazt.core.db.DataFileQueries;
import fazt.server.TestInstance;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The fazt command (SPEC §12), directly on data.db and through a running instance. */
class CliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out + err, e);
            }
        }

        String all() {
            return out + err;
        }
    }

    /** The command line as {@code Main} runs it, including the {@code @NAME} prefix. */
    static Run fazt(String... args) {
        CommandLine cl = FaztCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = PeerPrefix.execute(cl, args);
        return new Run(code, out.toString(), err.toString());
    }

    Path site(String name, String index) throws IOException {
        Path d = dir.resolve("src-" + name + "-" + Math.abs(index.hashCode()));
        Files.createDirectories(d.resolve("static"));
        Files.writeString(d.resolve("index.html"), index);
        Files.writeString(d.resolve("static/app.css"), "body{}");
        Files.writeString(d.resolve(".env"), "SECRET=1");
        return d;
    }

    @Test
    void versionHelpAndUsageErrors() {
        assertThat(fazt("--version").out()).startsWith("fazt ");
        Run help = fazt("app", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("deploy", "rollback", "versions");
        assertThat(fazt("nonsense").code()).isEqualTo(2);
        assertThat(fazt("app", "rollback").code()).isEqualTo(2);
        Run none = fazt();
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.out()).contains("fazt --server");
    }

    @Test
    void initAndSetCredentialsManageTheOwnersSignIn() {
        String data = dir.resolve("owner.db").toString();
        Run generated = fazt("server", "init", "--data", data);
        assertThat(generated.code()).isZero();
        assertThat(generated.out()).containsPattern("owner  admin / [a-z2-9-]{23}   \\(shown once");
        assertThat(fazt("server", "init", "--data", data).out()).doesNotContain("owner  admin /");

        Run set = fazt("server", "set-credentials", "--data", data, "--username", "boss", "--password", "a long password");
        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.out()).contains("owner  boss");
        Run tooShort = fazt("server", "set-credentials", "--data", data, "--password", "short");
        assertThat(tooShort.code()).isEqualTo(1);
        assertThat(tooShort.err()).contains("8 to 1024");
        try (fazt.core.Fazt f = fazt.core.Fazt.open(Path.of(data), Map.of(), Map.of())) {
            assertThat(f.owner().verify("boss", "a long password")).isTrue();
        }

        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("typed password\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            Run asked = fazt("server", "set-credentials", "--data", data, "--password");
            assertThat(asked.code()).as(asked.err()).isZero();
        } finally {
            System.setIn(stdin);
        }
        try (fazt.core.Fazt f = fazt.core.Fazt.open(Path.of(data), Map.of(), Map.of())) {
            assertThat(f.owner().verify("boss", "typed password")).as("asked for, not given on the command line").isTrue();
        }

        String other = dir.resolve("given.db").toString();
        Run given = fazt("server", "init", "--data", other, "--username", "me", "--password", "given password");
        assertThat(given.out()).contains("owner  me").doesNotContain("shown once");
        assertThat(fazt("server", "init", "--data", other, "--username", "me").code()).isEqualTo(1);
    }

    @Test
    void worksDirectlyOnDataDbWhenNothingServesIt() throws Exception {
        String data = dir.resolve("data.db").toString();
        Run init = fazt("server", "init", "--data", data);
        assertThat(init.code()).isZero();
        assertThat(init.out()).contains("data  " + data);

        Run deploy = fazt("app", "deploy", site("blog", "v1").toString(), "--name", "blog", "--data", data);
        assertThat(deploy.code()).as(deploy.err()).isZero();
        assertThat(deploy.out()).contains("deployed blog version 1 (2 files").contains("http://blog.localhost:4698");
        fazt("app", "deploy", site("blog", "v2").toString(), "--name", "blog", "--data", data);

        JsonNode apps = fazt("app", "list", "--json", "--data", data).json();
        assertThat(apps.findValuesAsText("name")).contains("blog", "root");
        assertThat(fazt("app", "list", "--data", data).out()).contains("NAME").contains("blog");
        assertThat(fazt("app", "info", "blog", "--json", "--data", data).json().get("active_version").asInt()).isEqualTo(2);
        assertThat(fazt("app", "info", "blog", "--data", data).out()).contains("live     0 open /_ws connections");
        assertThat(fazt("app", "files", "blog", "--json", "--data", data).json().findValuesAsText("path"))
                .containsExactly("index.html", "static/app.css");
        assertThat(fazt("app", "versions", "blog", "--data", data).out()).contains("active");

        Run back = fazt("app", "rollback", "blog", "--data", data);
        assertThat(back.out()).contains("blog now serves version 1");
        Run again = fazt("app", "rollback", "blog", "--data", data);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("error: 'blog' has no version older than 1");
        assertThat(fazt("app", "rollback", "blog", "--version", "2", "--data", data).code()).isZero();

        assertThat(fazt("alias", "set", "www2", "blog", "--data", data).code()).isZero();
        assertThat(fazt("alias", "set", "go", "https://example.org", "--type", "redirect", "--data", data).code()).isZero();
        assertThat(fazt("alias", "list", "--data", data).out()).contains("www2").contains("redirect");
        assertThat(fazt("alias", "swap", "www2", "go", "--data", data).code()).isZero();
        assertThat(fazt("alias", "list", "--json", "--data", data).json().toString()).contains("\"subdomain\":\"www2\",\"type\":\"redirect\"");
        assertThat(fazt("alias", "remove", "www2", "--data", data).code()).isZero();
        assertThat(fazt("alias", "remove", "www2", "--data", data).code()).isEqualTo(1);

        Run key = fazt("server", "create-key", "--name", "ci", "--scope", "deploy", "--data", data);
        assertThat(key.out().trim()).startsWith("fzt_").hasSize(68);
        assertThat(fazt("server", "create-key", "--name", "x", "--scope", "god", "--data", data).err()).contains("scope must be");

        assertThat(fazt("server", "set-config", "--versions-kept", "4", "--data", data).out()).contains("versions_kept = 4");
        assertThat(fazt("server", "set-config", "--data", data).code()).isEqualTo(2);

        Path copy = dir.resolve("backup.db");
        assertThat(fazt("backup", copy.toString(), "--data", data).code()).isZero();
        assertThat(fazt("backup", copy.toString(), "--data", data).err()).contains("--force");
        assertCopyHasApp(copy, "blog");

        Run refused = fazt("app", "remove", "blog", "--data", data);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(fazt("app", "remove", "blog", "--yes", "--data", data).out()).contains("deleted blog");
        assertThat(fazt("app", "info", "blog", "--data", data).err()).contains("no app 'blog'");

        Run status = fazt("server", "status", "--data", data);
        assertThat(status.code()).isEqualTo(1);
        assertThat(status.out()).contains("not running");
    }

    @Test
    void deploysWithTheFolderOrManifestName() throws Exception {
        String data = dir.resolve("data.db").toString();
        Path d = site("My_Site", "x");
        Path named = Files.move(d, dir.resolve("My_Site"));
        assertThat(fazt("app", "deploy", named.toString(), "--data", data).out()).contains("deployed my-site version 1");
        Files.writeString(named.resolve("manifest.json"), "{\"name\":\"from-manifest\"}");
        assertThat(fazt("app", "deploy", named.toString(), "--data", data).out()).contains("deployed from-manifest version 1");
        Run bad = fazt("app", "deploy", dir.resolve("missing").toString(), "--data", data);
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("does not exist");
        Path zip = dir.resolve("evil.zip");
        Files.write(zip, TestInstance.zip(Map.of("../../evil.txt", "x")));
        Run evil = fazt("app", "deploy", zip.toString(), "--name", "evil", "--data", data);
        assertThat(evil.code()).isEqualTo(1);
        assertThat(evil.err()).contains("'..'");
    }

    @Test
    void statusPrintsTheResidentMemoryAndUptimeOfTheRunningInstance() throws Exception {
        try (TestInstance t = new TestInstance()) {
            String data = t.dir.resolve("data.db").toString();
            Run status = fazt("server", "status", "--data", data);
            assertThat(status.code()).as(status.err()).isZero();
            assertThat(status.out()).containsPattern("status   ok, version \\S+, up \\d+ s")
                    .containsPattern("memory   \\d+\\.\\d+ [MG]B resident \\(heap \\d+\\.\\d+ [KMG]B in use\\)");

            JsonNode memory = fazt("server", "status", "--json", "--data", data).json().get("health").get("memory");
            assertThat(memory.get("rss_bytes").asLong()).isPositive();
            assertThat(memory.get("heap_used_bytes").asLong()).isPositive();
        }
    }

    @Test
    void talksToTheRunningInstanceThroughItsApi() throws Exception {
        try (TestInstance t = new TestInstance()) {
            String data = t.dir.resolve("data.db").toString();
            Run status = fazt("server", "status", "--data", data);
            assertThat(status.code()).isZero();
            assertThat(status.out()).contains("running  pid " + ProcessHandle.current().pid()).contains("port " + t.port());

            Run deploy = fazt("app", "deploy", site("live", "<h1>live</h1>").toString(), "--name", "live", "--data", data);
            assertThat(deploy.code()).as(deploy.err()).isZero();
            assertThat(deploy.out()).contains("http://live.localhost:" + t.port());
            assertThat(new String(t.get("live.localhost", "/").body())).isEqualTo("<h1>live</h1>");

            Path big = dir.resolve("big");
            Files.createDirectories(big);
            byte[] noise = new byte[2 * 1024 * 1024];
            new java.util.Random(5).nextBytes(noise);
            Files.write(big.resolve("blob.bin"), noise);
            Files.writeString(big.resolve("index.html"), "big");
            String script = "function add(a, b) { return a + b; }\n".repeat(3000);
            Files.writeString(big.resolve("app.js"), script);
            Run large = fazt("app", "deploy", big.toString(), "--data", data);
            assertThat(large.code()).as(large.err()).isZero();
            assertThat(large.err()).contains("uploading 100%");
            // the random bytes went stored in the zip and the script deflated: both are served as they were
            assertThat(t.get("big.localhost", "/blob.bin").body()).isEqualTo(noise);
            var zipped = t.send(t.request("big.localhost", "/app.js").header("Accept-Encoding", "gzip").build());
            assertThat(zipped.headers().firstValue("content-encoding")).hasValue("gzip");
            assertThat(new String(t.get("big.localhost", "/app.js").body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(script);

            assertThat(fazt("app", "list", "--json", "--data", data).json().findValuesAsText("name")).contains("live", "big");
            assertThat(fazt("server", "set-config", "--domain", "example.com", "--data", data).out()).contains("domain = example.com");
            Path copy = dir.resolve("live-backup.db");
            Run backup = fazt("backup", copy.toString(), "--data", data);
            assertThat(backup.code()).as(backup.err()).isZero();
            assertCopyHasApp(copy, "live");
            assertThat(fazt("app", "remove", "live", "--yes", "--data", data).code()).isZero();
            assertThat(t.get("live.localhost", "/").statusCode()).isEqualTo(404);
        }
    }

    static void assertCopyHasApp(Path copy, String app) throws Exception {
        assertThat(DataFileQueries.readOnly(copy).number("SELECT COUNT(*) FROM apps WHERE name = ?", app)).isEqualTo(1);
    }
}
