package fazt.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.FaztException;
import fazt.core.TempFazt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every way in (admin API, CLI, desktop, sign-in pages) relies on, checked once here
 * in the engine: roles, invite lifetime and redemption, the development sign-in, the owner's
 * credentials and sign-in throttle.
 */
class IdentityRulesTest {
    final TempFazt t = new TempFazt();

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void anAppUserIsGivenUserOrAdminButNeverOwner() {
        Users.User u = t.fazt.users().signIn(new Users.SignIn("dev", "a", "a@example.com", true, "A", null));
        assertThat(t.fazt.users().setRole(u.id(), "admin").role()).isEqualTo("admin");
        for (String bad : new String[] {"owner", "root", "", null}) {
            assertThatThrownBy(() -> t.fazt.users().setRole(u.id(), bad)).as(String.valueOf(bad))
                    .isInstanceOf(FaztException.class).hasMessageContaining("role must be user or admin");
        }
        assertThat(t.fazt.users().get(u.id()).orElseThrow().role()).isEqualTo("admin");
    }

    @Test
    void invitesLastZeroToTenYearsOfDays() {
        assertThat(t.fazt.invites().create(null, 1, 0).expiresAt()).as("0 days never expires").isNull();
        Invites.Invite week = t.fazt.invites().create("admin", 3, 7);
        assertThat(week.role()).isEqualTo("admin");
        assertThat(week.expiresAt() - week.createdAt()).isEqualTo(7L * 24 * 3600 * 1000);
        assertThat(t.fazt.invites().create(null, 1, Invites.MAX_VALID_DAYS).role()).isEqualTo("user");
        for (long bad : new long[] {-1, Invites.MAX_VALID_DAYS + 1}) {
            assertThatThrownBy(() -> t.fazt.invites().create("user", 1, bad)).hasMessageContaining("0 (never expires) to 3650 days");
        }
        assertThat(t.fazt.invites().list()).hasSize(3);
    }

    @Test
    void anInviteRaisesARoleNeverLowersItAndTheOwnerCannotUseOneUp() {
        Users users = t.fazt.users();
        Users.User admin = users.setRole(users.signIn(new Users.SignIn("dev", "b", "b@example.com", true, "B", null)).id(), "admin");
        Users.User plain = users.signIn(new Users.SignIn("dev", "c", "c@example.com", true, "C", null));
        String userCode = t.fazt.invites().create("user", 5, 1).code();
        String adminCode = t.fazt.invites().create("admin", 1, 1).code();

        assertThatThrownBy(() -> t.fazt.invites().accept(users, Users.owner("admin"), adminCode))
                .hasMessageContaining("the owner has every role already");
        Invites.Accepted kept = t.fazt.invites().accept(users, admin, userCode);
        assertThat(kept.granted()).isEqualTo("user");
        assertThat(kept.user().role()).as("never lowered").isEqualTo("admin");
        Invites.Accepted raised = t.fazt.invites().accept(users, plain, adminCode);
        assertThat(raised.user().role()).isEqualTo("admin");
        assertThat(t.fazt.invites().list().stream().filter(i -> i.code().equals(adminCode)).findFirst().orElseThrow().uses())
                .as("the owner's attempt did not use the code up").isEqualTo(1);
    }

    @Test
    void theDevelopmentSignInChecksTheEmailAndTheRole() {
        Users.User u = t.fazt.users().signInForDevelopment("Dev@Example.com", "ADMIN");
        assertThat(u.email()).isEqualTo("dev@example.com");
        assertThat(u.role()).isEqualTo("admin");
        assertThat(u.provider()).isEqualTo(Users.DEV_PROVIDER);
        assertThat(t.fazt.users().signInForDevelopment("dev@example.com", null).id()).as("same person again").isEqualTo(u.id());
        assertThatThrownBy(() -> t.fazt.users().signInForDevelopment("not an email", "user")).hasMessageContaining("email address");
        assertThatThrownBy(() -> t.fazt.users().signInForDevelopment("x@example.com", "owner")).hasMessageContaining("role must be");
    }

    @Test
    void changedCredentialsEndTheOwnersSessionsAndAFirstPasswordIsMadeOnce() {
        String password = t.fazt.ownerAccount().generatePasswordIfMissing().orElseThrow();
        assertThat(t.fazt.ownerAccount().generatePasswordIfMissing()).isEmpty();
        assertThat(t.fazt.owner().verify("admin", password)).isTrue();
        String session = t.fazt.sessions().create(null, true).token();
        OwnerAccount.CredentialsSet set = t.fazt.ownerAccount().changeCredentials(null, "a new long password");
        assertThat(set.username()).isEqualTo("admin");
        assertThat(set.sessionsEnded()).isEqualTo(1);
        assertThat(t.fazt.sessions().find(session)).isEmpty();
    }

    @Test
    void ownerSignInsReplaceTheBroughtSessionAndStopAfterFiveFailures() {
        t.fazt.ownerAccount().changeCredentials("alice", "the right password");
        String brought = t.fazt.sessions().create(null, false).token();
        Sessions.NewSession fresh = t.fazt.ownerAccount().signIn("192.0.2.1", "alice", "the right password", false, brought);
        assertThat(t.fazt.sessions().find(brought)).as("no fixation").isEmpty();
        assertThat(t.fazt.sessions().find(fresh.token())).isPresent();
        for (int i = 0; i < FailureThrottle.LOGIN_FAILURES; i++) {
            assertThatThrownBy(() -> t.fazt.ownerAccount().signIn("192.0.2.2", "alice", "wrong", false, null))
                    .hasMessageContaining("wrong username or password");
        }
        assertThatThrownBy(() -> t.fazt.ownerAccount().signIn("192.0.2.2", "alice", "the right password", false, null))
                .isInstanceOfSatisfying(TooManyAttempts.class, e -> assertThat(e.retryAfterSeconds()).isPositive());
        assertThat(t.fazt.ownerAccount().signIn("192.0.2.3", "alice", "the right password", true, null).persistent())
                .as("another address is not held back").isTrue();
    }
}
