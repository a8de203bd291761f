package fazt.server.cli;

import static fazt.server.cli.CliTest.fazt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Fazt;
import fazt.core.Json;
import fazt.core.db.DataFileQueries;
import fazt.server.TestInstance;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code fazt app logs} and {@code fazt app env}, directly on data.db and through a running instance. */
class LogsEnvCliTest {
    @TempDir
    Path dir;

    Path site() throws IOException {
        Path d = dir.resolve("site");
        Files.createDirectories(d);
        Files.writeString(d.resolve("index.html"), "hi");
        return d;
    }

    @Test
    void envVarsDirectlyOnDataDb() throws Exception {
        String data = dir.resolve("data.db").toString();
        assertThat(fazt("app", "deploy", site().toString(), "--name", "blog", "--data", data).code()).isZero();

        CliTest.Run set = fazt("app", "env", "set", "blog", "API_KEY", "k=1 two", "--data", data);
        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.out()).isEqualTo("set API_KEY for blog\n");
        fazt("app", "env", "set", "blog", "DEBUG", "", "--data", data);
        assertThat(fazt("app", "env", "list", "blog", "--data", data).out()).isEqualTo("API_KEY=k=1 two\nDEBUG=\n");
        assertThat(fazt("app", "env", "list", "blog", "--json", "--data", data).json().get("API_KEY").asText()).isEqualTo("k=1 two");

        CliTest.Run bad = fazt("app", "env", "set", "blog", "9LIVES", "x", "--data", data);
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("error: env var name '9LIVES' is not allowed");
        CliTest.Run big = fazt("app", "env", "set", "blog", "BIG", "y".repeat(40_000), "--data", data);
        assertThat(big.code()).isEqualTo(1);
        assertThat(big.err()).contains("the limit is 32768").doesNotContain("yyyy");
        CliTest.Run noApp = fazt("app", "env", "set", "nope", "A", "x", "--data", data);
        assertThat(noApp.err()).contains("no app 'nope'");
        assertThat(fazt("app", "env", "set", "blog", "--data", data).code()).isEqualTo(2);

        assertThat(fazt("app", "env", "remove", "blog", "DEBUG", "--data", data).out()).isEqualTo("removed DEBUG from blog\n");
        CliTest.Run again = fazt("app", "env", "remove", "blog", "DEBUG", "--data", data);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("has no env var 'DEBUG'");
        var envVars = DataFileQueries.readOnly(Path.of(data)).rows("SELECT key, value FROM env_vars");
        assertThat(envVars).isNotEmpty();
        assertThat(envVars.get(0).text(1) + "=" + envVars.get(0).text(2)).isEqualTo("API_KEY=k=1 two");
        assertThat(envVars).hasSize(1);
    }

    @Test
    void logsDirectlyOnDataDb() throws Exception {
        Path data = dir.resolve("data.db");
        try (Fazt f = Fazt.open(data, Map.of(), Map.of())) {
            String id = f.apps().deploy("blog", fazt.core.apps.Bundle.of(Map.of("index.html", new byte[] {'x'})), false).id();
            f.functionLogs().append(id, "blog", 1, "info", "first", "r1");
            f.functionLogs().append(id, "blog", 2, "error", "second\n  at line 3", "r2");
            f.functionLogs().append(id, "blog", 2, "debug", "third", "r3");
        }
        String d = data.toString();
        CliTest.Run all = fazt("app", "logs", "blog", "--data", d);
        assertThat(all.code()).as(all.err()).isZero();
        String[] lines = all.out().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} info  \\[v1] first");
        assertThat(lines[1]).endsWith(" error [v2] second");
        assertThat(lines[2]).isEqualTo("  at line 3");
        assertThat(lines[3]).endsWith(" debug [v2] third");
        assertThat(fazt("app", "logs", "blog", "-n", "1", "--data", d).out()).endsWith("third\n").doesNotContain("first");
        assertThat(fazt("app", "logs", "blog", "--level", "warn", "--data", d).out()).contains("second").doesNotContain("first", "third");

        String[] json = fazt("app", "logs", "blog", "--json", "--data", d).out().split("\n");
        assertThat(json).hasSize(3);
        JsonNode first = Json.MAPPER.readTree(json[0]);
        assertThat(first.get("message").asText()).isEqualTo("first");
        assertThat(first.get("request_id").asText()).isEqualTo("r1");

        CliTest.Run follow = fazt("app", "logs", "blog", "-f", "--data", d);
        assertThat(follow.code()).isEqualTo(1);
        assertThat(follow.err()).contains("-f needs a running instance").contains("fazt server start");
        assertThat(fazt("app", "logs", "blog", "--level", "loud", "--data", d).err()).contains("level must be debug, info, warn or error");
        assertThat(fazt("app", "logs", "nope", "--data", d).err()).contains("no app 'nope'");
    }

    @Test
    void throughTheRunningInstanceIncludingFollow() throws Exception {
        try (TestInstance t = new TestInstance()) {
            String data = t.dir.resolve("data.db").toString();
            assertThat(fazt("app", "deploy", site().toString(), "--name", "live", "--data", data).code()).isZero();
            String id = t.fazt.apps().get("live").id();

            assertThat(fazt("app", "env", "set", "live", "TOKEN", "abc", "--data", data).code()).isZero();
            assertThat(t.fazt.envVars().all(id)).containsEntry("TOKEN", "abc");
            assertThat(fazt("app", "env", "list", "live", "--data", data).out()).isEqualTo("TOKEN=abc\n");
            assertThat(fazt("app", "env", "set", "live", "bad key", "v", "--data", data).err()).contains("is not allowed");
            assertThat(fazt("app", "env", "remove", "live", "TOKEN", "--data", data).code()).isZero();
            assertThat(t.fazt.envVars().all(id)).isEmpty();

            t.fazt.functionLogs().append(id, "live", 1, "info", "before follow", null);
            assertThat(fazt("app", "logs", "live", "--data", data).out()).contains("info  [v1] before follow");

            StringWriter out = new StringWriter();
            AtomicInteger code = new AtomicInteger(-1);
            Thread follower = Thread.ofPlatform().start(() -> {
                CommandLine cl = FaztCommand.commandLine();
                cl.setOut(new PrintWriter(out, true));
                cl.setErr(new PrintWriter(new StringWriter(), true));
                code.set(cl.execute("app", "logs", "live", "-f", "-n", "5", "--data", data));
            });
            awaitOutput(out, "before follow");
            t.fazt.functionLogs().append(id, "live", 2, "warn", "while following", null);
            awaitOutput(out, "warn  [v2] while following");
            follower.interrupt();
            follower.join(10_000);
            assertThat(follower.isAlive()).isFalse();
            assertThat(code.get()).isZero();
            assertThat(out.toString().split("before follow", -1)).as("printed once").hasSize(2);
        }
    }

    static void awaitOutput(StringWriter out, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!out.toString().contains(text) && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(out.toString()).contains(text);
    }
}
