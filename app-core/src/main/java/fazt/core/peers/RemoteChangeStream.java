package fazt.core.peers;

import fazt.core.FaztException;
import fazt.core.changes.Change;
import fazt.core.changes.ChangeStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A peer's change stream ({@code GET /api/changes}); a reconnect resumes after the last id
 * received, and the peer answers with what was missed or a {@code resync} change.
 */
final class RemoteChangeStream extends RemoteEventStream<Change> implements ChangeStream {
    RemoteChangeStream(String peer, HttpClient http, Function<Long, HttpRequest> request,
            BiFunction<Integer, byte[], FaztException> refusal, Consumer<Change> onChange, Duration idleLimit) {
        super(peer, "change stream", Change.class, http, request, refusal, onChange, idleLimit);
    }
}
