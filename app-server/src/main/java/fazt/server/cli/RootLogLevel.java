package fazt.server.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** How much the process logs: commands print their own results (WARN), a running instance logs at INFO. */
public final class RootLogLevel {
    private RootLogLevel() {}

    public static void set(Level level) {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(level);
    }
}
