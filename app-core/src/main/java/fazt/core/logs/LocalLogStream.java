package fazt.core.logs;

import fazt.core.PolledDelivery;
import java.util.function.Consumer;

/** Delivers what a {@link LogFollower} yields to a consumer, on a virtual thread of its own. */
public final class LocalLogStream extends PolledDelivery<LogLine> implements LogStream {
    /** Starts delivering at once; the stream owns {@code follower} and closes it. */
    public LocalLogStream(LogFollower follower, Consumer<LogLine> onLine) {
        super("fazt-log-stream", follower, onLine);
    }
}
