package fazt.server.admin;

import fazt.core.Fazt;
import fazt.core.logs.LogFollower;
import fazt.core.logs.LogLine;

/** {@code /api/logs…}: what functions logged (SPEC §4.4), listed or streamed live. */
final class LogsRoutes {
    private static final int DEFAULT_LIMIT = 100;

    private final Fazt fazt;

    LogsRoutes(Fazt fazt) {
        this.fazt = fazt;
    }

    /** {@code ?app=&level=&limit=&since=}: the newest lines first. */
    Object list(ApiCall call) {
        return fazt.functionLogs().query(appId(call), call.query("level"), limit(call), ApiCall.wholeNumber(call.query("since"), "since"));
    }

    /**
     * {@code ?app=&level=}: Server-Sent Events, the last stored lines then live ones. A client that
     * reconnects with {@code Last-Event-ID} gets the lines after that id instead of the last ones.
     */
    Object stream(ApiCall call) {
        Long after = ApiCall.wholeNumber(call.request().getHeaders().get("Last-Event-ID"), "Last-Event-ID");
        LogFollower follower = fazt.functionLogs().follow(appId(call), call.query("level"), after);
        return new EventStream(new EventStream.Source() {
            @Override
            public EventStream.Event poll(long waitMillis) throws InterruptedException {
                LogLine line = follower.poll(waitMillis);
                return line == null ? null : new EventStream.Event(line.id(), line);
            }

            @Override
            public void close() {
                follower.close();
            }
        });
    }

    private String appId(ApiCall call) {
        String ref = call.query("app");
        return ref == null || ref.isBlank() ? null : fazt.apps().get(ref).id();
    }

    private static int limit(ApiCall call) {
        Long n = ApiCall.wholeNumber(call.query("limit"), "limit");
        return n == null ? DEFAULT_LIMIT : (int) Math.clamp(n, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
}
