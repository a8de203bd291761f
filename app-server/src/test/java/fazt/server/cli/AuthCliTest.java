package fazt.server.cli;

import static fazt.server.cli.CliTest.fazt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Fazt;
import fazt.core.identity.Users;
import fazt.server.TestInstance;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fazt auth provider|providers|users|invite|invites} (SPEC §12), on data.db and through a running instance. */
class AuthCliTest {
    @TempDir
    Path dir;

    /** The same commands work both ways, so one scenario runs on each. */
    void scenario(String data, Function<Users.SignIn, Users.User> signIn) {
        CliTest.Run set = fazt("auth", "provider", "google", "--client-id", "gid", "--client-secret", "top-secret", "--data", data);
        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.out()).contains("provider google enabled (https://accounts.google.com)", "/auth/callback/google");
        assertThat(fazt("auth", "provider", "google", "--disable", "--data", data).out()).contains("provider google disabled");

        CliTest.Run list = fazt("auth", "providers", "--data", data);
        assertThat(list.out()).contains("NAME", "google", "oidc", "no", "gid", "set").doesNotContain("top-secret");
        JsonNode json = fazt("auth", "providers", "--json", "--data", data).json();
        assertThat(json.get(0).get("secret_set").asBoolean()).isTrue();
        assertThat(json.toString()).doesNotContain("top-secret");

        CliTest.Run noIssuer = fazt("auth", "provider", "work", "--client-id", "w", "--client-secret", "s", "--data", data);
        assertThat(noIssuer.code()).isEqualTo(1);
        assertThat(noIssuer.err()).contains("--issuer");
        assertThat(fazt("auth", "provider", "google", "--enable", "--disable", "--data", data).code()).isEqualTo(2);
        assertThat(fazt("auth", "provider", "google", "--remove", "--data", data).out()).contains("removed provider google");

        assertThat(fazt("auth", "users", "--data", data).out()).contains("no users yet");
        Users.User ann = signIn.apply(new Users.SignIn("github", "1", "ann@example.com", true, "Ann", null));
        assertThat(fazt("auth", "users", "--data", data).out()).contains(ann.id(), "ann@example.com", "user", "github");
        CliTest.Run promote = fazt("auth", "users", "--user", ann.id(), "--role", "admin", "--data", data);
        assertThat(promote.out()).contains(ann.id() + " is now admin");
        assertThat(fazt("auth", "users", "--json", "--data", data).json().get(0).get("role").asText()).isEqualTo("admin");
        assertThat(fazt("auth", "users", "--user", ann.id(), "--data", data).code()).isEqualTo(2);
        assertThat(fazt("auth", "users", "--user", ann.id(), "--role", "owner", "--data", data).code()).isEqualTo(1);
        assertThat(fazt("auth", "users", "--delete", ann.id(), "--data", data).out()).contains("deleted user " + ann.id());
        CliTest.Run gone = fazt("auth", "users", "--delete", ann.id(), "--data", data);
        assertThat(gone.code()).isEqualTo(1);
        assertThat(gone.err()).contains("no user");

        CliTest.Run invite = fazt("auth", "invite", "--role", "admin", "--uses", "3", "--days", "2", "--data", data);
        assertThat(invite.code()).as(invite.err()).isZero();
        assertThat(invite.out()).contains("role admin, 3 uses, until", "/auth/invite?code=");
        JsonNode forever = fazt("auth", "invite", "--role", "user", "--days", "0", "--json", "--data", data).json();
        assertThat(forever.has("expires_at")).isFalse();
        assertThat(fazt("auth", "invites", "--data", data).out()).contains("0/3", "never", forever.get("code").asText());
        assertThat(fazt("auth", "invite", "--data", data).code()).isEqualTo(2);
        assertThat(fazt("auth", "invite", "--role", "owner", "--data", data).code()).isEqualTo(1);
        assertThat(fazt("auth", "invites", "--delete", forever.get("code").asText(), "--data", data).code()).isZero();
        assertThat(fazt("auth", "invites", "--json", "--data", data).json()).hasSize(1);
    }

    @Test
    void worksDirectlyOnDataDb() {
        String data = dir.resolve("data.db").toString();
        assertThat(fazt("server", "init", "--data", data).code()).isZero();
        // users arrive by signing in; with no instance serving data.db, open it just for that
        scenario(data, in -> {
            try (Fazt f = Fazt.open(dir.resolve("data.db"), Map.of())) {
                return f.users().signIn(in);
            }
        });
    }

    @Test
    void worksThroughTheRunningInstance() {
        try (TestInstance t = new TestInstance()) {
            scenario(t.dir.resolve("data.db").toString(), t.fazt.users()::signIn);
        }
    }
}
