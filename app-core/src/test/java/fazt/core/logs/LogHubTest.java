package fazt.core.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogHubTest {
    @Test
    void keepsTheNewestEntriesInOrder() {
        LogHub hub = new LogHub(3);
        for (int i = 1; i <= 5; i++) hub.publish("INFO", "t", "m" + i, null, null);
        assertThat(hub.recent(10)).extracting(LogEntry::message).containsExactly("m3", "m4", "m5");
        assertThat(hub.recent(2)).extracting(LogEntry::message).containsExactly("m4", "m5");
    }

    @Test
    void subscribersSeeNewEntriesUntilClosedAndAFailingOneIsDropped() throws Exception {
        LogHub hub = new LogHub(10);
        List<String> seen = new ArrayList<>();
        AutoCloseable sub = hub.subscribe(e -> seen.add(e.message()));
        hub.subscribe(e -> {
            throw new IllegalStateException("broken subscriber");
        });
        hub.publish("WARN", "t", "one", "app", "req");
        sub.close();
        hub.publish("WARN", "t", "two", null, null);
        assertThat(seen).containsExactly("one");
    }

    @Test
    void logbackFeedsTheSharedHub() {
        LogHubAppender appender = new LogHubAppender();
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("fazt.test.hub");
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
        try {
            logger.warn("hello {}", "hub");
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(LogHub.shared().recent(50)).anySatisfy(e -> {
            assertThat(e.message()).isEqualTo("hello hub");
            assertThat(e.level()).isEqualTo("WARN");
        });
    }
}
