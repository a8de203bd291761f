package fazt.server.admin;

import fazt.core.Fazt;
import fazt.core.changes.Change;
import fazt.core.changes.ChangeFeed;

/** {@code /api/changes}: every change committed on the instance, live (the dashboard and the desktop follow it). */
final class ChangesRoutes {
    private final Fazt fazt;

    ChangesRoutes(Fazt fazt) {
        this.fazt = fazt;
    }

    /**
     * Server-Sent Events, one per change from now on. A client resumes after the id it saw last
     * with {@code Last-Event-ID} (what a browser's EventSource sends when it reconnects) or, when
     * it cannot set headers, {@code ?after=}; the header wins, since a reconnecting EventSource
     * keeps the URL it started with. It then gets the changes it missed, or a {@code resync}.
     */
    Object stream(ApiCall call) {
        Long after = ApiCall.wholeNumber(call.request().getHeaders().get("Last-Event-ID"), "Last-Event-ID");
        if (after == null) after = ApiCall.wholeNumber(call.query("after"), "after");
        ChangeFeed feed = fazt.changes().follow(after);
        return new EventStream(new EventStream.Source() {
            /** The first event carries only the id the stream starts after, so a client that reconnects before any change resumes there. */
            private boolean started;

            @Override
            public EventStream.Event poll(long waitMillis) throws InterruptedException {
                if (!started) {
                    started = true;
                    return new EventStream.Event(feed.lastId(), null);
                }
                Change change = feed.poll(waitMillis);
                return change == null ? null : new EventStream.Event(change.id(), change);
            }

            @Override
            public void close() {
                feed.close();
            }
        });
    }
}
