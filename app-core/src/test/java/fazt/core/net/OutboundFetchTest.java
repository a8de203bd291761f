package fazt.core.net;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What OutboundFetch refuses before any connection is made (the network is never reached here). */
class OutboundFetchTest {
    private final OutboundFetch fetch = new OutboundFetch(() -> new FetchLimits(10_000, 1000, 1, List.of()), host -> {
        throw new UnknownHostException(host);
    });

    @AfterEach
    void close() {
        fetch.close();
    }

    private static long inSeconds(int s) {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(s);
    }

    private static OutboundFetch.Request get(String url, OutboundFetch.Header... headers) {
        return new OutboundFetch.Request("GET", url, List.of(headers), null, 0);
    }

    @Test
    void aFunctionWithNoTimeLeftCannotStartAFetch() {
        assertThatThrownBy(() -> fetch.fetch("app", FetchAllowList.ANY, get("http://example.com/"), System.nanoTime()))
                .isInstanceOf(FetchException.class).hasMessage("fetch refused: the function has no time left for it");
    }

    @Test
    void aRefusedFetchDoesNotKeepItsPlaceUnderTheAppsCap() {
        // the cap is 1: were the first refusal still counted, the second would be refused for the cap instead
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> fetch.fetch("app", FetchAllowList.ANY, get("http://10.0.0.1/"), inSeconds(5)))
                    .hasMessage("fetch refused: 10.0.0.1 is a private address");
        }
    }

    @Test
    void headersFaztSetsAndOddMethodsAreRefused() {
        assertThatThrownBy(() -> fetch.fetch("app", FetchAllowList.ANY,
                get("http://example.com/", new OutboundFetch.Header("Host", "internal", false)), inSeconds(5)))
                .hasMessage("fetch: the header Host is set by fazt, not by functions");
        assertThatThrownBy(() -> fetch.fetch("app", FetchAllowList.ANY,
                new OutboundFetch.Request("CONNECT", "http://example.com/", List.of(), null, 0), inSeconds(5)))
                .hasMessage("fetch: 'CONNECT' is not a method fetch can send");
        assertThatThrownBy(() -> fetch.fetch("app", FetchAllowList.ANY, get("http://exa mple.com/"), inSeconds(5)))
                .hasMessageStartingWith("fetch: not a valid URL (");
    }

    @Test
    void aNameLookupThatHangsIsBoundedByTheFetchsTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        try (OutboundFetch slowDns = new OutboundFetch(() -> new FetchLimits(10_000, 1000, 1, List.of()), host -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        })) {
            assertThatThrownBy(() -> slowDns.fetch("app", FetchAllowList.ANY,
                    new OutboundFetch.Request("GET", "http://slow.test/", List.of(), null, 200), inSeconds(5)))
                    .hasMessage("fetch timed out after 200 ms");
        } finally {
            never.countDown();
        }
    }
}
