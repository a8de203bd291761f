package fazt.core.peers;

import fazt.core.FaztException;
import fazt.core.logs.LogLine;
import fazt.core.logs.LogStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/** A peer's log stream ({@code GET /api/logs/stream}); reconnects resume after the last line received. */
final class RemoteLogStream extends RemoteEventStream<LogLine> implements LogStream {
    RemoteLogStream(String peer, HttpClient http, Function<Long, HttpRequest> request,
            BiFunction<Integer, byte[], FaztException> refusal, Consumer<LogLine> onLine, Duration idleLimit) {
        super(peer, "log stream", LogLine.class, http, request, refusal, onLine, idleLimit);
    }
}
