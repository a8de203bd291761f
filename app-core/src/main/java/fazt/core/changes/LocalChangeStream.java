package fazt.core.changes;

import fazt.core.PolledDelivery;
import java.util.function.Consumer;

/** Delivers what a {@link ChangeFeed} yields to a consumer, on a virtual thread of its own. */
public final class LocalChangeStream extends PolledDelivery<Change> implements ChangeStream {
    /** Starts delivering at once; the stream owns {@code feed} and closes it. */
    public LocalChangeStream(ChangeFeed feed, Consumer<Change> onChange) {
        super("fazt-change-stream", feed, onChange);
    }
}
