package fazt.core.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The change hub: order, replay by id from the ring, resync instead of loss, and writers that never wait for readers. */
class ChangesTest {
    /** A clock the test moves by hand: ids are made from it, so they are predictable. */
    final AtomicLong now = new AtomicLong(1_000);

    Changes hub(int ring, int queue) {
        return new Changes(ring, queue, now::get);
    }

    @Test
    void readersGetEveryChangeInOrderWithGrowingIds() throws Exception {
        Changes hub = hub(16, 16);
        try (ChangeFeed feed = hub.follow(null)) {
            Change deployed = hub.publish(ChangeKind.APP_DEPLOYED, "blog", "1");
            hub.publish(ChangeKind.ALIASES_SWAPPED, null, "a,b");
            hub.publish(ChangeKind.ENV_SET, "blog", "API_KEY");

            Change first = feed.poll(0);
            assertThat(first).isEqualTo(deployed);
            assertThat(first.kind()).isEqualTo("app.deployed");
            assertThat(first.app()).isEqualTo("blog");
            assertThat(first.subject()).isEqualTo("1");
            assertThat(first.time()).isEqualTo(1_000);
            Change second = feed.poll(0);
            Change third = feed.poll(0);
            assertThat(List.of(second.kind(), third.kind())).containsExactly("alias.swapped", "env.set");
            assertThat(second.id()).isEqualTo(first.id() + 1);
            assertThat(third.id()).isEqualTo(second.id() + 1);
            assertThat(feed.poll(0)).isNull();
            assertThat(feed.lastId()).isEqualTo(third.id()).isEqualTo(hub.lastId());
        }
    }

    @Test
    void aReaderFollowsOnlyFromWhenItStartedAndNothingAfterItClosed() throws Exception {
        Changes hub = hub(16, 16);
        hub.publish(ChangeKind.KEY_CREATED, null, "key_1");
        ChangeFeed feed = hub.follow(null);
        assertThat(feed.poll(0)).isNull();
        hub.publish(ChangeKind.KEY_REVOKED, null, "key_1");
        assertThat(feed.poll(0).kind()).isEqualTo("key.revoked");
        feed.close();
        hub.publish(ChangeKind.KEY_CREATED, null, "key_2");
        assertThat(feed.poll(0)).isNull();
    }

    @Test
    void aReaderThatComesBackWithAnIdGetsWhatItMissedFromTheRing() throws Exception {
        Changes hub = hub(8, 16);
        Change a = hub.publish(ChangeKind.USER_CREATED, null, "usr_a");
        Change b = hub.publish(ChangeKind.USER_CREATED, null, "usr_b");
        Change c = hub.publish(ChangeKind.USER_DELETED, null, "usr_a");
        try (ChangeFeed feed = hub.follow(a.id())) {
            assertThat(feed.poll(0)).isEqualTo(b);
            assertThat(feed.poll(0)).isEqualTo(c);
            assertThat(feed.poll(0)).isNull();
            Change d = hub.publish(ChangeKind.INVITE_CREATED, null, null);
            assertThat(feed.poll(0)).isEqualTo(d);
        }
        try (ChangeFeed upToDate = hub.follow(hub.lastId())) {
            assertThat(upToDate.poll(0)).isNull();
        }
    }

    @Test
    void anIdOlderThanTheRingOrUnknownGetsAResyncCarryingTheNewestId() throws Exception {
        Changes hub = hub(4, 16);
        Change first = hub.publish(ChangeKind.SHORT_LINK_SET, null, "s0");
        for (int i = 1; i < 10; i++) hub.publish(ChangeKind.SHORT_LINK_SET, null, "s" + i);
        long newest = hub.lastId();

        try (ChangeFeed tooOld = hub.follow(first.id())) {
            Change notice = tooOld.poll(0);
            assertThat(notice.isResync()).isTrue();
            assertThat(notice.kind()).isEqualTo("resync");
            assertThat(notice.id()).isEqualTo(newest);
            assertThat(notice.subject()).contains("no longer kept");
            assertThat(tooOld.poll(0)).isNull();
            Change next = hub.publish(ChangeKind.SHORT_LINK_REMOVED, null, "s0");
            assertThat(tooOld.poll(0)).isEqualTo(next);
        }
        // the oldest change the ring still holds can be resumed after
        try (ChangeFeed edge = hub.follow(newest - 3)) {
            assertThat(edge.poll(0).id()).isEqualTo(newest - 2);
        }
        try (ChangeFeed fromTheFuture = hub.follow(hub.lastId() + 100)) {
            assertThat(fromTheFuture.poll(0).isResync()).isTrue();
        }
    }

    @Test
    void idsOfAnEarlierRunAreBelowEveryIdOfALaterOneAndResync() throws Exception {
        Changes before = hub(16, 16);
        for (int i = 0; i < 50; i++) before.publish(ChangeKind.APP_DEPLOYED, "blog", Integer.toString(i));
        long seen = before.lastId();
        now.addAndGet(1); // the instance restarts a millisecond later
        Changes after = hub(16, 16);
        assertThat(after.lastId()).isGreaterThan(seen);
        after.publish(ChangeKind.APP_DEPLOYED, "blog", "51");
        try (ChangeFeed feed = after.follow(seen)) {
            assertThat(feed.poll(0).isResync()).isTrue();
        }
    }

    @Test
    void aReaderThatFallsBehindIsToldToResyncNeverLeftWithAGap() throws Exception {
        Changes hub = hub(64, 3);
        try (ChangeFeed slow = hub.follow(null)) {
            for (int i = 0; i < 10; i++) hub.publish(ChangeKind.ALIAS_SET, "blog", "a" + i);
            Change notice = slow.poll(0);
            assertThat(notice.isResync()).isTrue();
            assertThat(notice.id()).isEqualTo(hub.lastId());
            assertThat(notice.subject()).contains("more than 3 changes waited");
            assertThat(slow.poll(0)).isNull();
            Change next = hub.publish(ChangeKind.ALIAS_REMOVED, null, "a0");
            assertThat(slow.poll(0)).isEqualTo(next);
        }
    }

    @Test
    void aReplayLargerThanTheQueueIsAResync() throws Exception {
        Changes hub = hub(64, 3);
        long start = hub.lastId();
        for (int i = 0; i < 10; i++) hub.publish(ChangeKind.ALIAS_SET, null, "a" + i);
        try (ChangeFeed feed = hub.follow(start)) {
            assertThat(feed.poll(0).isResync()).isTrue();
        }
    }

    @Test
    @Timeout(60) // a writer blocked by the stuck reader would hang here: fail instead of hanging the build
    void aBlockedReaderNeverBlocksPublishing() throws Exception {
        Changes hub = hub(16, 4);
        CountDownLatch release = new CountDownLatch(1);
        BlockingQueue<Change> received = new LinkedBlockingQueue<>();
        try (LocalChangeStream stream = new LocalChangeStream(hub.follow(null), change -> {
            received.add(change);
            try {
                release.await(); // the reader is stuck in its consumer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            for (int i = 0; i < 1000; i++) hub.publish(ChangeKind.APP_DEPLOYED, "blog", Integer.toString(i));
            assertThat(hub.lastId()).as("every change was published while the reader was stuck").isGreaterThan(0);
            release.countDown();
            // it may have been told once already, before it got stuck; what counts is the notice that covers the last change
            Change last = null;
            while (last == null || !last.isResync() || last.id() != hub.lastId()) {
                last = received.poll(30, TimeUnit.SECONDS);
                assertThat(last).as("the stuck reader is told to resync once it moves again").isNotNull();
            }
            Change after = hub.publish(ChangeKind.APP_DELETED, "blog", "app_1");
            assertThat(received.poll(30, TimeUnit.SECONDS)).isEqualTo(after);
        }
    }

    @Test
    void aStreamEndsCleanlyWhenClosedAndReportsWhatItsConsumerThrew() throws Exception {
        Changes hub = hub(16, 16);
        LocalChangeStream quiet = new LocalChangeStream(hub.follow(null), change -> {});
        quiet.close();
        assertThat(quiet.done()).isCompleted();

        LocalChangeStream failing = new LocalChangeStream(hub.follow(null), change -> {
            throw new IllegalStateException("consumer broke");
        });
        hub.publish(ChangeKind.PEER_LINKED, null, "laptop");
        assertThatThrownBy(() -> failing.done().get(30, TimeUnit.SECONDS)).hasRootCauseMessage("consumer broke");
        failing.close();
    }

    @Test
    void resyncIsNeverPublishedToEveryone() {
        assertThatThrownBy(() -> hub(4, 4).publish(ChangeKind.RESYNC, null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
