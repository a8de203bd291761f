package fazt.server.cli;

import static fazt.server.cli.CliTest.fazt;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.server.TestInstance;
import fazt.server.cli.CliTest.Run;
import org.junit.jupiter.api.Test;

/** {@code server set-credentials} and {@code server init} while an instance serves data.db: through its API, as its Node. */
class OwnerCredentialsCliTest {
    @Test
    void setCredentialsReachesTheRunningInstanceAndEndsItsOwnerSessions() {
        try (TestInstance t = new TestInstance()) {
            t.fazt.owner().setCredentials("admin", "the first password");
            String session = t.fazt.sessions().create(null, true).token();
            String data = t.dir.resolve("data.db").toString();
            Run set = fazt("server", "set-credentials", "--data", data, "--username", "boss", "--password", "a long password");
            assertThat(set.code()).as(set.err()).isZero();
            assertThat(set.out()).contains("owner  boss (password changed; 1 session(s) ended)");
            assertThat(t.fazt.owner().verify("boss", "a long password")).isTrue();
            assertThat(t.fazt.sessions().find(session)).isEmpty();

            Run tooShort = fazt("server", "set-credentials", "--data", data, "--password", "short");
            assertThat(tooShort.code()).isEqualTo(1);
            assertThat(tooShort.err()).contains("8 to 1024");
        }
    }

    @Test
    void initOnARunningInstanceStoresTheDomainAndShowsNoPasswordWhenOneExists() {
        try (TestInstance t = new TestInstance()) {
            t.fazt.owner().setCredentials("admin", "the first password");
            String data = t.dir.resolve("data.db").toString();
            Run init = fazt("server", "init", "--data", data, "--domain", "example.org");
            assertThat(init.code()).as(init.err()).isZero();
            assertThat(init.out()).contains("data  ").doesNotContain("owner  admin /");
            assertThat(t.fazt.config().get("domain")).isEqualTo("example.org");
        }
    }
}
