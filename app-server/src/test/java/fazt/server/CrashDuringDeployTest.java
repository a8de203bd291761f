package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import fazt.core.Fazt;
import fazt.core.Ids;
import fazt.core.apps.Bundle;
import fazt.core.apps.DeployResult;
import fazt.core.apps.VersionInfo;
import fazt.core.db.DataFileQueries;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §3.2: a {@code kill -9} in the middle of a deploy leaves the previous version serving and
 * no trace of the broken one. A child JVM runs {@code fazt app deploy} of a large version 2
 * straight onto data.db; it is killed while the deploy transaction is still being written (the
 * WAL grows past a threshold but the commit frame is not there yet), then the engine is opened
 * again and inspected.
 */
class CrashDuringDeployTest {
    private static final String APP = "same-app";
    private static final String HOST = APP + ".localhost";
    /**
     * Version 2: 90 MB of incompressible bytes in 18,000 files, inside the default limits (100 MiB
     * upload, 20,000 files). Many smaller files rather than a few large ones, because each file
     * costs two row inserts: on a 2-core machine the deploy transaction then takes about a second,
     * where 400 files of 200 kB take half that.
     */
    private static final int BIG_FILES = 18_000;
    private static final int BIG_FILE_BYTES = 5_000;
    private static final long BIG_TOTAL = (long) BIG_FILES * BIG_FILE_BYTES;
    /** Kill once the WAL holds this much of the uncommitted deploy: a tenth of the way through it. */
    private static final long WAL_KILL_AT = 8L * 1024 * 1024;
    private static final Duration CHILD_DEADLINE = Duration.ofMinutes(3);
    /** Exit status of a process ended by SIGKILL (128 + 9). */
    private static final int KILLED_BY_SIGKILL = 137;

    @TempDir Path tmp;

    @Test
    void killDuringDeployKeepsThePreviousVersionAndLeavesNoTrace() throws Exception {
        Path data = tmp.resolve("data.db");
        Map<String, byte[]> v1 = versionOneFiles();
        try (Fazt fazt = Fazt.open(data, Map.of(), Map.of())) {
            DeployResult r = fazt.apps().deploy(APP, Bundle.of(v1), null);
            assertThat(r.version()).isEqualTo(1);
        }

        Path big = tmp.resolve("big-v2");
        Set<String> bigHashes = writeBigVersion(big);
        Path childLog = tmp.resolve("child.log");
        Process child = startChildDeploy(big, data, childLog);
        long walAtKill = killWhenWalPasses(child, data.resolveSibling(data.getFileName() + "-wal"), childLog);

        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the killed child ends").isTrue();
        assertThat(child.exitValue()).as("child exit status: ended by SIGKILL, not finished on its own")
                .isEqualTo(KILLED_BY_SIGKILL);
        // The deploy commits only after all of version 2 is in the WAL; a WAL this small proves the
        // kill landed inside the transaction, so the checks below test a real torn deploy.
        assertThat(walAtKill).as("WAL bytes at the kill (at or past %d, the kill may have come after the commit:"
                + " this machine is too fast for WAL_KILL_AT)", BIG_TOTAL).isLessThan(BIG_TOTAL);

        try (Fazt fazt = Fazt.open(data, Map.of(), Map.of());
                FaztServer server = new FaztServer(fazt, "127.0.0.1", 0).start();
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            assertThat(fazt.apps().get(APP).activeVersion()).isEqualTo(1);
            assertThat(fazt.apps().versions(APP)).extracting(VersionInfo::version).containsExactly(1);
            for (Map.Entry<String, byte[]> f : v1.entrySet()) {
                HttpResponse<byte[]> res = get(http, server, "/" + f.getKey());
                assertThat(res.statusCode()).as("GET /%s", f.getKey()).isEqualTo(200);
                assertThat(res.body()).as("body of /%s", f.getKey()).isEqualTo(f.getValue());
            }
            assertNoTraceOfTheBrokenDeploy(fazt, bigHashes);

            // next_version is bumped inside the deploy transaction, which the kill rolled back, so
            // the number 2 was never taken and the next deploy gets it.
            byte[] v2 = "<h1>after the crash</h1>".getBytes(StandardCharsets.UTF_8);
            HttpResponse<byte[]> deployed = send(http, HttpRequest.newBuilder(uri(server, "/api/deploy?name=" + APP))
                    .header("Host", "localhost").header("Authorization", "Bearer " + server.localToken())
                    .header("Content-Type", "application/zip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(TestInstance.zip(Map.of("index.html", v2)))).build());
            assertThat(deployed.statusCode()).as(new String(deployed.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            assertThat(fazt.apps().get(APP).activeVersion()).isEqualTo(2);
            assertThat(fazt.apps().versions(APP)).extracting(VersionInfo::version).containsExactly(2, 1);
            assertThat(get(http, server, "/").body()).isEqualTo(v2);
            assertThat(get(http, server, "/style.css").statusCode()).isEqualTo(404);
        }
    }

    /** A few files of known bytes: text, a nested path and an incompressible binary. */
    private static Map<String, byte[]> versionOneFiles() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("index.html", "<!doctype html><h1>version one</h1>\n".getBytes(StandardCharsets.UTF_8));
        files.put("style.css", "body { color: #123456; }\n".repeat(200).getBytes(StandardCharsets.UTF_8));
        files.put("docs/notes.txt", "notes of version one\n".getBytes(StandardCharsets.UTF_8));
        byte[] logo = new byte[50_000];
        new Random(1).nextBytes(logo);
        files.put("img/logo.bin", logo);
        return files;
    }

    /** Writes version 2 into {@code dir} and returns the hashes of its files. */
    private static Set<String> writeBigVersion(Path dir) throws IOException {
        Files.createDirectories(dir);
        SecureRandom random = new SecureRandom();
        Set<String> hashes = new TreeSet<>();
        byte[] buf = new byte[BIG_FILE_BYTES];
        Files.writeString(dir.resolve("index.html"), "<h1>version two</h1>");
        hashes.add(Ids.sha256("<h1>version two</h1>"));
        for (int i = 0; i < BIG_FILES; i++) {
            random.nextBytes(buf);
            Files.write(dir.resolve(String.format("part-%05d.bin", i)), buf);
            hashes.add(Ids.sha256(buf));
        }
        return hashes;
    }

    private static Process startChildDeploy(Path dir, Path data, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String flags = System.getProperty("fazt.test.jvmFlags", "").trim();
        if (!flags.isEmpty()) cmd.addAll(Arrays.asList(flags.split("\\s+")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "fazt.server.cli.Main",
                "app", "deploy", dir.toString(), "--name", APP, "--data", data.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("FAZT_"));
        return pb.start();
    }

    /**
     * Polls the WAL and kills the child with SIGKILL once the WAL passes {@link #WAL_KILL_AT}.
     * Fails, rather than passing vacuously, if the child ends first. Returns the WAL size at the kill.
     */
    private static long killWhenWalPasses(Process child, Path wal, Path log) throws Exception {
        long deadline = System.nanoTime() + CHILD_DEADLINE.toNanos();
        long started = System.nanoTime();
        while (true) {
            long size = sizeOf(wal);
            if (size >= WAL_KILL_AT) {
                boolean aliveAtKill = child.isAlive();
                child.destroyForcibly();
                long after = sizeOf(wal);
                System.out.printf("CrashDuringDeployTest: killed child after %d ms with the WAL at %d bytes (%d right after)%n",
                        (System.nanoTime() - started) / 1_000_000, size, after);
                assertThat(aliveAtKill).as("the child was still deploying when killed; its output:%n%s", read(log))
                        .isTrue();
                return Math.max(size, after);
            }
            if (!child.isAlive()) {
                fail("the child deploy ended (exit %d) before the WAL reached %d bytes (last seen: %d), so the"
                        + " kill never landed inside the deploy transaction and the crash was not tested (machine"
                        + " too fast for the 1 ms poll, or WAL_KILL_AT too large). Child output:%n%s",
                        child.exitValue(), WAL_KILL_AT, size, read(log));
            }
            if (System.nanoTime() > deadline) {
                child.destroyForcibly();
                fail("the child deploy did not reach a %d-byte WAL within %s; child output:%n%s", WAL_KILL_AT,
                        CHILD_DEADLINE, read(log));
            }
            Thread.sleep(1);
        }
    }

    private static void assertNoTraceOfTheBrokenDeploy(Fazt fazt, Set<String> bigHashes) {
        String appId = fazt.apps().get(APP).id();
        DataFileQueries data = DataFileQueries.of(fazt.database());
        assertThat(data.text("PRAGMA integrity_check")).isEqualTo("ok");
        assertThat(data.text("SELECT COUNT(*) FROM blobs WHERE hash NOT IN (SELECT hash FROM version_files)"))
                .as("orphan blobs").isEqualTo("0");
        assertThat(data.text("SELECT COUNT(*) FROM version_files WHERE hash NOT IN (SELECT hash FROM blobs)"))
                .as("file rows without their blob").isEqualTo("0");
        DataFileQueries.Row counts = data.row("SELECT"
                + " (SELECT COUNT(*) FROM versions WHERE app_id = ? AND version <> 1),"
                + " (SELECT COUNT(*) FROM version_files WHERE app_id = ? AND version <> 1),"
                + " (SELECT next_version FROM apps WHERE id = ?)", appId, appId, appId);
        assertThat(counts.number(1)).as("rows in versions other than 1").isZero();
        assertThat(counts.number(2)).as("rows in version_files other than version 1").isZero();
        assertThat(counts.number(3)).as("apps.next_version").isEqualTo(2);
        for (String h : bigHashes) {
            assertThat(data.rows("SELECT 1 FROM blobs WHERE hash = ?", h)).as("blob %s of the killed deploy", h).isEmpty();
        }
    }

    private static long sizeOf(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static URI uri(FaztServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static HttpResponse<byte[]> get(HttpClient http, FaztServer server, String path) {
        return send(http, HttpRequest.newBuilder(uri(server, path)).header("Host", HOST).GET().build());
    }

    private static HttpResponse<byte[]> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
