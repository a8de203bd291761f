package fazt.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.FaztException;
import fazt.core.TempFazt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Owner credentials, sessions, users, invites and throttling on a real data.db. */
class IdentityTest {
    final TempFazt t = new TempFazt();
    final AtomicLong now = new AtomicLong(System.currentTimeMillis()); // the engine purges by the real clock meanwhile

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void passwordsAreArgon2idHashesThatOnlyTheRightPasswordMatches() {
        String hash = PasswordHasher.hash("s3cret password");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(PasswordHasher.verify("s3cret password", hash)).isTrue();
        assertThat(PasswordHasher.verify("s3cret passworD", hash)).isFalse();
        assertThat(PasswordHasher.hash("s3cret password")).isNotEqualTo(hash);
        for (String bad : new String[] {null, "", "$argon2id$v=19$m=1,t=1,p=1$x$y", "$bcrypt$...", hash + "$extra",
                hash.replace("m=19456", "m=999999999")}) {
            assertThat(PasswordHasher.verify("s3cret password", bad)).as(String.valueOf(bad)).isFalse();
        }
    }

    @Test
    void theOwnerGetsAGeneratedPasswordOnceAndCanChangeIt() {
        Owner owner = t.fazt.owner();
        assertThat(owner.hasCredentials()).isFalse();
        String generated = owner.generateIfMissing().orElseThrow();
        assertThat(generated).matches("[a-z2-9]{5}(-[a-z2-9]{5}){3}");
        assertThat(owner.generateIfMissing()).isEmpty();
        assertThat(owner.verify("admin", generated)).isTrue();
        assertThat(owner.verify("Admin", generated)).isFalse();
        owner.setCredentials("me", "a new password");
        assertThat(owner.verify("admin", generated)).isFalse();
        assertThat(owner.verify("me", "a new password")).isTrue();
        assertThatThrownBy(() -> owner.setCredentials("me", "short")).hasMessageContaining("8 to 1024");
        assertThatThrownBy(() -> owner.setCredentials("me; drop", "long enough")).hasMessageContaining("username");
        assertThat(owner.verify(null, null)).isFalse();
    }

    @Test
    void sessionsEndAtTheirExpiryAndAreStoredHashed() {
        Sessions sessions = new Sessions(t.fazt.database(), now::get);
        Sessions.NewSession shortOne = sessions.create(null, false);
        Sessions.NewSession remembered = sessions.create(null, true);
        assertThat(shortOne.expiresAt() - now.get()).isEqualTo(Duration.ofHours(24).toMillis());
        assertThat(remembered.expiresAt() - now.get()).isEqualTo(Duration.ofDays(30).toMillis());
        assertThat(sessions.find(shortOne.token())).get().extracting(Sessions.Session::isOwner).isEqualTo(true);
        now.addAndGet(Duration.ofHours(25).toMillis());
        assertThat(sessions.find(shortOne.token())).isEmpty();
        assertThat(sessions.find(remembered.token())).isPresent();
        assertThat(sessions.purgeExpired()).isEqualTo(1);
        assertThat(sessions.deleteOwnerSessions()).isEqualTo(1);
        assertThat(sessions.find(remembered.token())).isEmpty();
        assertThat(sessions.find("fzs_" + "x".repeat(200))).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
    }

    @Test
    void aSecondProviderWithTheSameVerifiedEmailLinksToTheSameUser() {
        Users users = t.fazt.users();
        Users.User a = users.signIn(new Users.SignIn("google", "g-1", "ann@example.com", true, "Ann", "pic"));
        Users.User b = users.signIn(new Users.SignIn("github", "77", "ANN@example.com", true, null, null));
        assertThat(b.id()).isEqualTo(a.id());
        assertThat(b.provider()).isEqualTo("github");
        assertThat(b.name()).isEqualTo("Ann");
        Users.User unverified = users.signIn(new Users.SignIn("oidc", "x", "ann@example.com", false, "Not Ann", null));
        assertThat(unverified.id()).isNotEqualTo(a.id());
        assertThat(users.signIn(new Users.SignIn("google", "g-1", null, false, null, null)).id()).isEqualTo(a.id());
        assertThat(users.list()).hasSize(2);
        assertThat(a.role()).isEqualTo("user");
        assertThat(users.setRole(a.id(), "admin").role()).isEqualTo("admin");
        assertThatThrownBy(() -> users.setRole(a.id(), "root")).isInstanceOf(FaztException.class);
        String token = t.fazt.sessions().create(a.id(), true).token();
        users.delete(a.id());
        assertThat(t.fazt.sessions().find(token)).isEmpty();
        assertThat(users.signIn(new Users.SignIn("github", "77", null, false, null, null)).id()).isNotEqualTo(a.id());
        assertThatThrownBy(() -> users.delete("usr_missing")).hasMessageContaining("no user");
    }

    @Test
    void anUnverifiedEmailNeverBecomesAWayIntoSomeoneElsesAccount() {
        Users users = t.fazt.users();
        // the attacker claims the victim's address where nobody checks it (or through the development sign-in)
        Users.User attacker = users.signIn(new Users.SignIn("keycloak", "mallory", "victim@example.com", false, "Mallory", null));
        Users.User dev = users.signIn(new Users.SignIn("dev", "victim@example.com", "victim@example.com", false, "dev", null));
        users.setRole(dev.id(), "admin");
        // the victim arrives with a verified address: a new account, linked to neither
        Users.User victim = users.signIn(new Users.SignIn("google", "g-victim", "victim@example.com", true, "Victim", null));
        assertThat(victim.id()).isNotEqualTo(attacker.id()).isNotEqualTo(dev.id());
        assertThat(victim.role()).isEqualTo("user");
        // and a later unverified claim neither links to the victim nor replaces the verified address
        Users.User again = users.signIn(new Users.SignIn("keycloak", "mallory-2", "victim@example.com", false, null, null));
        assertThat(again.id()).isNotEqualTo(victim.id());
        Users.User victimByGithub = users.signIn(new Users.SignIn("github", "77", "victim@example.com", true, null, null));
        assertThat(victimByGithub.id()).isEqualTo(victim.id());
        assertThat(users.signIn(new Users.SignIn("google", "g-victim", "other@example.com", false, null, null)).email())
                .as("a verified address is not replaced by an unverified one").isEqualTo("victim@example.com");
    }

    @Test
    void anInviteIsNeverUsedMoreThanItsMaxUsesUnderConcurrency() throws Exception {
        Invites invites = t.fazt.invites();
        Invites.Invite invite = invites.create("admin", 5, Duration.ofDays(1));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(pool.submit(() -> {
                go.await();
                try {
                    return invites.redeem(invite.code().toLowerCase());
                } catch (FaztException e) {
                    return e.code();
                }
            }));
        }
        go.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : results) outcomes.add(f.get());
        pool.shutdown();
        assertThat(outcomes).filteredOn("admin"::equals).hasSize(5);
        assertThat(outcomes).filteredOn("INVITE_USED"::equals).hasSize(15);
        assertThat(invites.list().get(0).uses()).isEqualTo(5);
    }

    @Test
    void expiredAndUnknownInvitesFailClearly() {
        Invites invites = new Invites(t.fazt.database(), now::get);
        Invites.Invite invite = invites.create("user", 3, Duration.ofMinutes(10));
        now.addAndGet(Duration.ofMinutes(11).toMillis());
        assertThatThrownBy(() -> invites.redeem(invite.code())).hasMessageContaining("expired");
        assertThatThrownBy(() -> invites.redeem("NOPE-NOPE-NOPE")).hasMessageContaining("no invite");
        assertThatThrownBy(() -> invites.create("owner", 1, null)).hasMessageContaining("user or admin");
        assertThatThrownBy(() -> invites.create("user", 0, null)).hasMessageContaining("max uses");
        Invites.Invite another = invites.create("user", 1, null);
        invites.delete(" " + another.code().toLowerCase() + " ");
        assertThat(invites.list()).extracting(Invites.Invite::code).doesNotContain(another.code());
    }

    @Test
    void theThrottleLocksAfterFiveFailuresForFifteenMinutes() {
        FailureThrottle throttle = new FailureThrottle(now::get, 5);
        for (int i = 0; i < 4; i++) throttle.failed("10.0.0.1");
        assertThat(throttle.retryAfterSeconds("10.0.0.1")).isZero();
        throttle.failed("10.0.0.1");
        assertThat(throttle.retryAfterSeconds("10.0.0.1")).isEqualTo(15 * 60);
        assertThat(throttle.retryAfterSeconds("10.0.0.2")).isZero();
        now.addAndGet(Duration.ofMinutes(15).toMillis() + 1);
        assertThat(throttle.retryAfterSeconds("10.0.0.1")).isZero();
        throttle.failed("10.0.0.3");
        throttle.succeeded("10.0.0.3");
        assertThat(throttle.retryAfterSeconds("10.0.0.3")).isZero();
    }

    @Test
    void reservingCountsEachAttemptUpFrontAndIpv6CountsBySlash64() {
        FailureThrottle throttle = new FailureThrottle(now::get, 3);
        for (int i = 0; i < 3; i++) assertThat(throttle.reserve("2001:db8:1:2:" + i + "::9")).isZero();
        assertThat(throttle.reserve("2001:db8:1:2:ffff::1")).as("same /64").isPositive();
        assertThat(throttle.reserve("2001:db8:1:3::1")).as("another /64").isZero();
        assertThat(FailureThrottle.key("2001:db8:1:2:0:0:0:9")).isEqualTo(FailureThrottle.key("2001:db8:1:2::ab"));
        assertThat(FailureThrottle.key("192.0.2.7")).isEqualTo("192.0.2.7");
        throttle.succeeded("2001:db8:1:2::1");
        assertThat(throttle.reserve("2001:db8:1:2::1")).isZero();
    }

    @Test
    void handOffCodesWorkOnceWithinAMinute() {
        HandoffCodes codes = new HandoffCodes(now::get);
        String code = codes.mint();
        assertThat(codes.redeem(code)).isTrue();
        assertThat(codes.redeem(code)).isFalse();
        String late = codes.mint();
        now.addAndGet(61_000);
        assertThat(codes.redeem(late)).isFalse();
        assertThat(codes.redeem(null)).isFalse();
    }
}
