package fazt.server.cli;

import static fazt.server.cli.CliTest.fazt;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Fazt;
import fazt.core.db.DataFileQueries;
import fazt.core.logs.LogLine;
import fazt.core.logs.LogStream;
import fazt.core.peers.RemoteNode;
import fazt.server.TestInstance;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Peers from the CLI (SPEC §10) between real instances, each a FaztServer on its own port and
 * data.db: "a" plays the laptop, "b" (and "c") the servers it manages.
 */
class PeersTest {
    @TempDir
    Path dir;

    static String data(TestInstance t) {
        return t.dir.resolve("data.db").toString();
    }

    static String url(TestInstance t) {
        return "http://127.0.0.1:" + t.port();
    }

    /** A pairing code printed by {@code fazt server pair} on {@code t}. */
    static String code(TestInstance t) {
        CliTest.Run pair = fazt("server", "pair", "--data", data(t));
        assertThat(pair.code()).as(pair.all()).isZero();
        assertThat(pair.err()).contains("valid 10 minutes").contains(":" + t.port() + " --code " + pair.out().trim());
        return pair.out().trim();
    }

    static CliTest.Run link(TestInstance laptop, String name, TestInstance server) {
        return fazt("peer", "add", name, url(server), "--code", code(server), "--data", data(laptop));
    }

    Path site(String name, Map<String, String> files) throws IOException {
        Path d = dir.resolve(name + "-" + Math.abs(files.hashCode()));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = d.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        return d;
    }

    static String body(TestInstance t, String host, String path) {
        return new String(t.get(host, path).body(), StandardCharsets.UTF_8);
    }

    @Test
    void pairThenDeployRollBackSetAliasesAndEnvVarsOnThePeer() throws Exception {
        try (TestInstance a = new TestInstance(); TestInstance b = new TestInstance()) {
            String code = code(b);
            assertThat(code).matches("[A-Z2-9]{4}-[A-Z2-9]{4}");
            CliTest.Run linked = fazt("peer", "add", "b", url(b), "--code", code.replace("-", "").toLowerCase(), "--data", data(a));
            assertThat(linked.code()).as(linked.all()).isZero();
            assertThat(linked.out()).contains("linked b at " + url(b), "--to b");
            assertThat(b.fazt.apiKeys().list()).anySatisfy(k -> assertThat(k.name()).startsWith("peer ").isNotEqualTo("peer "));

            JsonNode peers = fazt("peer", "list", "--json", "--data", data(a)).json();
            assertThat(peers).hasSize(1);
            assertThat(peers.get(0).get("name").asText()).isEqualTo("b");
            assertThat(peers.get(0).get("status").asText()).isEqualTo("online");
            assertThat(peers.get(0).get("version").asText()).isEqualTo(b.fazt.health().version());
            assertThat(peers.get(0).has("token")).isFalse();
            assertThat(fazt("peer", "list", "--data", data(a)).out()).contains("NAME", "LAST SEEN", "VERSION", "STATUS", "online");

            // deploy with --to, then with the prefix form: each lands on b and b serves it
            CliTest.Run v1 = fazt("app", "deploy", site("blog", Map.of("index.html", "blog v1")).toString(), "--name", "blog",
                    "--to", "b", "--data", data(a));
            assertThat(v1.code()).as(v1.all()).isZero();
            assertThat(v1.out()).contains("deployed blog version 1", "open http://blog." + b.fazt.baseDomains().get(0) + ":" + b.port());
            assertThat(body(b, "blog.localhost", "/")).isEqualTo("blog v1");
            CliTest.Run v2 = fazt("@b", "app", "deploy", site("blog", Map.of("index.html", "blog v2")).toString(), "--name", "blog",
                    "--data", data(a));
            assertThat(v2.code()).as(v2.all()).isZero();
            assertThat(body(b, "blog.localhost", "/")).isEqualTo("blog v2");
            assertThat(a.fazt.apps().idForName("blog")).as("the laptop itself is untouched").isEmpty();

            JsonNode apps = fazt("@b", "app", "list", "--json", "--data", data(a)).json();
            assertThat(apps.findValuesAsText("name")).contains("blog");
            assertThat(fazt("app", "versions", "blog", "--to", "b", "--data", data(a)).out()).contains("active");

            CliTest.Run back = fazt("@b", "app", "rollback", "blog", "--data", data(a));
            assertThat(back.out()).as(back.all()).contains("blog now serves version 1");
            assertThat(body(b, "blog.localhost", "/")).isEqualTo("blog v1");

            CliTest.Run aliased = fazt("alias", "set", "home", "blog", "--to", "b", "--data", data(a));
            assertThat(aliased.code()).as(aliased.all()).isZero();
            assertThat(body(b, "home.localhost", "/")).isEqualTo("blog v1");
            assertThat(fazt("@b", "alias", "list", "--data", data(a)).out()).contains("home", "blog");
            CliTest.Run swapped = fazt("@b", "alias", "swap", "home", "blog", "--data", data(a));
            assertThat(swapped.code()).as(swapped.all()).isZero();
            assertThat(fazt("@b", "alias", "remove", "home", "--data", data(a)).code()).isZero();
            assertThat(b.fazt.aliases().get("home")).isEmpty();

            assertThat(fazt("app", "env", "set", "blog", "API_KEY", "s3cret", "--to", "b", "--data", data(a)).code()).isZero();
            assertThat(b.fazt.envVars().all(b.fazt.apps().get("blog").id())).containsEntry("API_KEY", "s3cret");
            assertThat(fazt("@b", "app", "env", "list", "blog", "--data", data(a)).out()).isEqualTo("API_KEY=s3cret\n");
            assertThat(fazt("@b", "app", "env", "remove", "blog", "API_KEY", "--data", data(a)).code()).isZero();
            assertThat(fazt("@b", "app", "info", "blog", "--data", data(a)).out()).contains("version  1");

            CliTest.Run removed = fazt("@b", "app", "remove", "blog", "--yes", "--data", data(a));
            assertThat(removed.out()).as(removed.all()).contains("deleted blog");
            assertThat(b.fazt.apps().idForName("blog")).isEmpty();
        }
    }

    @Test
    void worksDirectlyOnTheLaptopsDataDbWhenNothingServesIt() throws Exception {
        try (TestInstance b = new TestInstance()) {
            String laptop = dir.resolve("laptop/data.db").toString();
            CliTest.Run linked = fazt("peer", "add", "b", url(b), "--code", code(b), "--data", laptop);
            assertThat(linked.code()).as(linked.all()).isZero();
            CliTest.Run deployed = fazt("@b", "app", "deploy", site("docs", Map.of("index.html", "docs")).toString(), "--name", "docs",
                    "--data", laptop);
            assertThat(deployed.code()).as(deployed.all()).isZero();
            assertThat(body(b, "docs.localhost", "/")).isEqualTo("docs");
            JsonNode peers = fazt("peer", "list", "--json", "--data", laptop).json();
            assertThat(peers.get(0).get("last_seen_at").asLong()).isPositive();
            CliTest.Run status = fazt("peer", "status", "--data", laptop);
            assertThat(status.code()).as(status.all()).isZero();
            assertThat(status.out()).startsWith("b  online  " + url(b));
        }
    }

    @Test
    void logsOfThePeerStreamToTheLaptop() throws Exception {
        try (TestInstance a = new TestInstance(); TestInstance b = new TestInstance()) {
            assertThat(link(a, "b", b).code()).isZero();
            Path fn = site("echo", Map.of("index.html", "x", "api/main.js", "console.log('hit ' + request.query.n); respond('ok')"));
            assertThat(fazt("@b", "app", "deploy", fn.toString(), "--name", "echo", "--data", data(a)).code()).isZero();
            assertThat(body(b, "echo.localhost", "/api?n=1")).isEqualTo("ok");
            assertThat(fazt("@b", "app", "logs", "echo", "--data", data(a)).out()).contains("hit 1");

            // the Node of the peer, as the desktop uses it
            List<LogLine> got = new CopyOnWriteArrayList<>();
            RemoteNode node = a.fazt.peers().node("b");
            try (LogStream stream = node.streamLogs("echo", null, got::add)) {
                awaitLine(got, "hit 1");
                assertThat(body(b, "echo.localhost", "/api?n=2")).isEqualTo("ok");
                awaitLine(got, "hit 2");
            }

            // and app logs -f --to b on the CLI
            StringWriter out = new StringWriter();
            AtomicInteger code = new AtomicInteger(-1);
            Thread follower = Thread.ofPlatform().start(() -> {
                CommandLine cl = FaztCommand.commandLine();
                cl.setOut(new PrintWriter(out, true));
                cl.setErr(new PrintWriter(new StringWriter(), true));
                code.set(PeerPrefix.execute(cl, "app", "logs", "echo", "-f", "--to", "b", "--data", data(a)));
            });
            LogsEnvCliTest.awaitOutput(out, "hit 2");
            assertThat(body(b, "echo.localhost", "/api?n=3")).isEqualTo("ok");
            LogsEnvCliTest.awaitOutput(out, "hit 3");
            follower.interrupt();
            follower.join(10_000);
            assertThat(follower.isAlive()).isFalse();
            assertThat(code.get()).isZero();
        }
    }

    private static void awaitLine(List<LogLine> got, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (got.stream().noneMatch(l -> l.message().contains(text)) && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(got).extracting(LogLine::message).anySatisfy(m -> assertThat(m).contains(text));
    }

    @Test
    void anOfflinePeerIsNamedWithItsUrl() {
        try (TestInstance a = new TestInstance()) {
            TestInstance c = new TestInstance();
            String cUrl = url(c);
            try {
                assertThat(link(a, "c", c).code()).isZero();
            } finally {
                c.close();
            }
            CliTest.Run list = fazt("app", "list", "--to", "c", "--data", data(a));
            assertThat(list.code()).isEqualTo(1);
            assertThat(list.err()).contains("cannot reach peer 'c' at " + cUrl, "fazt peer status c");
            CliTest.Run status = fazt("peer", "status", "c", "--data", data(a));
            assertThat(status.code()).isEqualTo(1);
            assertThat(status.out()).startsWith("c  offline  " + cUrl);
            assertThat(status.err()).contains("cannot reach peer 'c'");
            assertThat(fazt("peer", "list", "--json", "--data", data(a)).json().get(0).get("status").asText()).isEqualTo("offline");
        }
    }

    @Test
    void aRevokedKeySaysToLinkAgainAndLinkingAgainRepairsIt() {
        try (TestInstance a = new TestInstance(); TestInstance b = new TestInstance()) {
            assertThat(link(a, "b", b).code()).isZero();
            b.fazt.apiKeys().list().stream().filter(k -> k.name().startsWith("peer ")).forEach(k -> b.fazt.apiKeys().delete(k.id()));
            CliTest.Run list = fazt("@b", "app", "list", "--data", data(a));
            assertThat(list.code()).isEqualTo(1);
            assertThat(list.err()).contains("no longer accepts the key", "fazt server pair", "fazt peer add b " + url(b) + " --code CODE");
            assertThat(fazt("peer", "status", "b", "--data", data(a)).out()).startsWith("b  unauthorized");

            assertThat(link(a, "b", b).code()).isZero();
            assertThat(fazt("@b", "app", "list", "--data", data(a)).code()).isZero();
            assertThat(fazt("peer", "list", "--json", "--data", data(a)).json()).hasSize(1);
        }
    }

    @Test
    void usedAndWrongCodesFailClearly() {
        try (TestInstance a = new TestInstance(); TestInstance b = new TestInstance()) {
            String code = code(b);
            assertThat(fazt("peer", "add", "b", url(b), "--code", code, "--data", data(a)).code()).isZero();
            CliTest.Run again = fazt("peer", "add", "b2", url(b), "--code", code, "--data", data(a));
            assertThat(again.code()).isEqualTo(1);
            assertThat(again.err()).contains("peer 'b2' at " + url(b) + " refused the pairing code", "already used");
            CliTest.Run wrong = fazt("peer", "add", "b3", url(b), "--code", "AAAA-AAAA", "--data", data(a));
            assertThat(wrong.err()).contains("no such pairing code");
            CliTest.Run malformed = fazt("peer", "add", "b3", url(b), "--code", "12", "--data", data(a));
            assertThat(malformed.err()).contains("is not a pairing code");
            assertThat(fazt("peer", "list", "--json", "--data", data(a)).json()).hasSize(1);
        }
    }

    @Test
    void resolutionAndBadInput() {
        try (TestInstance a = new TestInstance(); TestInstance b = new TestInstance(); TestInstance c = new TestInstance()) {
            CliTest.Run none = fazt("peer", "status", "--data", data(a));
            assertThat(none.code()).isEqualTo(1);
            assertThat(none.err()).contains("no peers are linked yet");
            assertThat(link(a, "b", b).code()).isZero();
            assertThat(fazt("peer", "status", "--data", data(a)).out()).as("the only peer").startsWith("b  online");
            assertThat(link(a, "c", c).code()).isZero();
            CliTest.Run ambiguous = fazt("peer", "status", "--data", data(a));
            assertThat(ambiguous.code()).isEqualTo(1);
            assertThat(ambiguous.err()).contains("name a peer (b, c)", "fazt peer default NAME");
            assertThat(fazt("peer", "default", "c", "--data", data(a)).out()).contains("c is now the default peer");
            assertThat(fazt("peer", "status", "--data", data(a)).out()).as("the default").startsWith("c  online");
            assertThat(fazt("peer", "list", "--data", data(a)).out()).containsPattern("c\\s+http\\S+\\s+yes");
            assertThat(fazt("app", "list", "--data", data(a)).out()).as("no target: the local instance").contains("root");

            assertThat(fazt("app", "list", "--to", "nope", "--data", data(a)).err()).contains("no peer named 'nope'", "linked peers: b, c");
            CliTest.Run prefixed = fazt("@b", "peer", "list", "--data", data(a));
            assertThat(prefixed.code()).isEqualTo(2);
            assertThat(prefixed.err()).contains("@b works with app, alias, app env and app logs commands");
            assertThat(fazt("@", "app", "list").code()).isEqualTo(2);

            assertThat(fazt("peer", "add", "x", url(b), "--data", data(a)).err()).contains("either --code CODE or --token T");
            assertThat(fazt("peer", "add", "x", url(b), "--code", "K7QF-9XZ2", "--token", "t", "--data", data(a)).code()).isEqualTo(2);
            assertThat(fazt("peer", "add", "bad name", url(b), "--code", "K7QF-9XZ2", "--data", data(a)).err()).contains("a peer name is");
            assertThat(fazt("peer", "add", "x", "ftp://h", "--code", "K7QF-9XZ2", "--data", data(a)).err()).contains("not an http or https URL");
            assertThat(fazt("peer", "add", "x", url(b), "--token", "fzt_wrong", "--data", data(a)).err()).contains("no longer accepts the key");
            assertThat(fazt("peer", "add", "x", "http://127.0.0.1:1", "--code", "K7QF-9XZ2", "--data", data(a)).err())
                    .contains("cannot reach peer 'x' at http://127.0.0.1:1", "is fazt running there");
            assertThat(fazt("peer", "default", "nope", "--data", data(a)).err()).contains("no peer named 'nope'");

            String key = b.fazt.apiKeys().create("by hand", fazt.core.identity.Scope.ADMIN).token();
            CliTest.Run byToken = fazt("peer", "add", "b-token", url(b), "--token", key, "--json", "--data", data(a));
            assertThat(byToken.code()).as(byToken.all()).isZero();
            assertThat(byToken.out()).doesNotContain(key);

            CliTest.Run removed = fazt("peer", "remove", "b", "--data", data(a));
            assertThat(removed.out()).contains("unlinked b; its key was revoked there");
            assertThat(b.fazt.apiKeys().list()).noneMatch(k -> k.name().startsWith("peer "));
            assertThat(fazt("peer", "remove", "b-token", "--data", data(a)).out()).contains("could not be revoked");
            assertThat(fazt("peer", "list", "--json", "--data", data(a)).json().findValuesAsText("name")).containsExactly("c");
        }
    }

    @Test
    void linkingAgainDeletesTheEarlierKeyOnThePeerOrSaysHowTo() {
        try (TestInstance a = new TestInstance(); TestInstance b = new TestInstance()) {
            assertThat(link(a, "b", b).code()).isZero();
            CliTest.Run again = link(a, "b", b);
            assertThat(again.code()).as(again.all()).isZero();
            assertThat(again.err()).doesNotContain("warning");
            assertThat(b.fazt.apiKeys().list()).filteredOn(k -> k.name().startsWith("peer ")).hasSize(1);
            assertThat(fazt("@b", "app", "list", "--data", data(a)).code()).as("the new key works").isZero();

            // the same instance under another address: we cannot be sure it is the same peer, so we only say so
            String elsewhere = "http://localhost:" + b.port();
            CliTest.Run moved = fazt("peer", "add", "b", elsewhere, "--code", code(b), "--data", data(a));
            assertThat(moved.code()).as(moved.all()).isZero();
            assertThat(moved.err()).contains("warning: the key b gave this computer before may still be valid there",
                    "linked at another address (" + url(b) + ")", "DELETE /api/keys/");
            assertThat(b.fazt.apiKeys().list()).filteredOn(k -> k.name().startsWith("peer ")).hasSize(2);
        }
    }

    @Test
    void aKeyWithoutAdminScopeIsRefusedWithWhatToDoInstead() {
        try (TestInstance a = new TestInstance(); TestInstance b = new TestInstance()) {
            String read = b.fazt.apiKeys().create("viewer", fazt.core.identity.Scope.READ).token();
            CliTest.Run refused = fazt("peer", "add", "b", url(b), "--token", read, "--data", data(a));
            assertThat(refused.code()).isNotZero();
            assertThat(refused.err()).contains("this key has scope read; a peer needs an admin key: create one with"
                    + " 'fazt server create-key --name laptop' on the peer or use --code");
            assertThat(fazt("peer", "list", "--json", "--data", data(a)).json().findValuesAsText("name")).isEmpty();
        }
    }

    @Test
    void tokensAppearInNoOutputAndNoLog() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try (TestInstance a = new TestInstance(); TestInstance b = new TestInstance()) {
            StringBuilder outputs = new StringBuilder();
            outputs.append(link(a, "b", b).all());
            outputs.append(fazt("peer", "list", "--json", "--data", data(a)).all());
            outputs.append(fazt("peer", "status", "b", "--json", "--data", data(a)).all());
            outputs.append(fazt("@b", "app", "list", "--json", "--data", data(a)).all());
            outputs.append(new String(a.api("GET", "/api/peers", a.adminToken(), null, null).body(), StandardCharsets.UTF_8));
            b.fazt.apiKeys().list().stream().filter(k -> k.name().startsWith("peer ")).forEach(k -> b.fazt.apiKeys().delete(k.id()));
            outputs.append(fazt("@b", "app", "list", "--data", data(a)).all());

            String token;
            List<String> tokens = DataFileQueries.readOnly(Path.of(data(a))).texts("SELECT token FROM peers WHERE name = 'b'");
            assertThat(tokens).isNotEmpty();
            token = tokens.get(0);
            assertThat(token).startsWith("fzt_");
            assertThat(outputs.toString()).contains("\"name\" : \"b\"").doesNotContain(token).doesNotContain(token.substring(4, 20));
            assertThat(logs.list).isNotEmpty();
            assertThat(logs.list).noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains(token.substring(4, 20)));
        } finally {
            root.detachAppender(logs);
        }
    }

    @Test
    void serverPairWorksWithoutARunningInstanceToo() {
        String server = dir.resolve("server/data.db").toString();
        CliTest.Run pair = fazt("server", "pair", "--json", "--data", server);
        assertThat(pair.code()).as(pair.all()).isZero();
        assertThat(pair.json().get("code").asText()).matches("[A-Z2-9]{4}-[A-Z2-9]{4}");
        try (Fazt f = Fazt.open(Path.of(server), Map.of(), Map.of())) {
            assertThat(f.pairing().redeem(pair.json().get("code").asText(), "laptop").token()).startsWith("fzt_");
        }
        CliTest.Run human = fazt("server", "pair", "--data", server);
        assertThat(human.err()).as("the address to link: the admin host and the port of the next start")
                .containsPattern("fazt peer add NAME http://(admin\\.[^ ]+|localhost):4698 --code " + human.out().trim());
    }
}
