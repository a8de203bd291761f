package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.db.DataFileQueries;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * data.db on a real, small file system (a 12 MB tmpfs the test mounts; CI runs as root): a deploy
 * that does not fit and function writes that do not fit get a clear "disk full" answer (507),
 * the version that served before keeps serving, and once space is freed everything works again
 * with an intact data.db.
 */
class DiskFullTest {
    private Path mount;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        mount = Files.createTempDirectory("fazt-small-disk");
        int exit = run("mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", mount.toString());
        assertThat(exit).as("this test mounts a 12 MB tmpfs for data.db, which needs root (CI runs as root)").isZero();
    }

    @AfterEach
    void unmount() throws Exception {
        run("umount", mount.toString());
        Files.deleteIfExists(mount);
    }

    @Test
    void writesThatDoNotFitAreRefusedClearlyAndNothingIsLost() throws Exception {
        Path data = Files.createDirectories(mount.resolve("data"));
        Path filler = mount.resolve("filler");
        // functions get 30 s: the first call on a busy machine waits for the JS engine to warm (a loaded run answered 504 at 5 s)
        try (TestInstance t = new TestInstance(data, Map.of("functions_timeout_ms", "30000"))) {
            assertThat(t.deploy("site", TestInstance.zip(Map.of("index.html", "version one"))).statusCode()).isEqualTo(200);
            assertThat(t.deploy("notes", TestInstance.zip(Map.of("index.html", "notes",
                    "api/main.js", "fazt.storage.kv.set('k' + request.query.n, 'x'.repeat(64 * 1024)); respond({ok: true})")))
                    .statusCode()).isEqualTo(200);

            // a deploy bigger than the whole disk
            HttpResponse<byte[]> tooBig = t.deploy("site", TestInstance.zip(Map.of("index.html", "version two",
                    "big.bin", incompressible(16 * 1024 * 1024))));
            assertThat(tooBig.statusCode()).isEqualTo(507);
            JsonNode error = TestInstance.json(tooBig).get("error");
            assertThat(error.get("code").asText()).isEqualTo("DISK_FULL");
            assertThat(error.get("message").asText()).startsWith("disk full: this write needs about ")
                    .contains("nothing was changed. Free some space on that disk and try again");
            assertThat(text(t.get("site.localhost", "/"))).isEqualTo("version one");

            // the disk nearly full: a function's storage writes fail with the same words
            assertThat(t.get("notes.localhost", "/api?n=first").statusCode()).isEqualTo(200); // its runtime made with room to spare
            fill(filler);
            HttpResponse<byte[]> write = null;
            for (int n = 0; n < 200; n++) {
                write = t.get("notes.localhost", "/api?n=" + n);
                if (write.statusCode() != 200) break;
            }
            assertThat(write.statusCode()).as("%s", text(write)).isEqualTo(507);
            assertThat(text(write)).contains("disk full: the disk that holds ").contains("nothing was changed");
            assertThat(text(t.get("site.localhost", "/"))).isEqualTo("version one");

            // space freed: everything works again
            Files.delete(filler);
            assertThat(t.deploy("site", TestInstance.zip(Map.of("index.html", "version three"))).statusCode()).isEqualTo(200);
            assertThat(text(t.get("site.localhost", "/"))).isEqualTo("version three");
            assertThat(t.get("notes.localhost", "/api?n=after").statusCode()).isEqualTo(200);
            assertThat(DataFileQueries.of(t.fazt.database()).text("PRAGMA integrity_check")).isEqualTo("ok");
        }
    }

    /** Takes all but about 200 KB of the disk's free space. */
    private static void fill(Path filler) throws IOException {
        long keep = 200 * 1024;
        long free = Files.getFileStore(filler.getParent()).getUsableSpace();
        byte[] chunk = new byte[64 * 1024];
        try (var out = Files.newOutputStream(filler)) {
            for (long left = free - keep; left > 0; left -= chunk.length) out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
    }

    private static byte[] incompressible(int size) {
        byte[] b = new byte[size];
        new Random(7).nextBytes(b);
        return b;
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
        if (p.exitValue() != 0) System.err.println(String.join(" ", command) + ": " + out);
        return p.exitValue();
    }
}
