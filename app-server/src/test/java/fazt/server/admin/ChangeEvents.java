package fazt.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.Json;
import fazt.core.changes.Change;
import fazt.server.TestInstance;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code GET /api/changes} read as a test reads it: the raw lines (to look for what must never be
 * sent) and one event at a time, each waited for a bounded time.
 */
record ChangeEvents(HttpResponse<Stream<String>> response, BlockingQueue<String> lines, StringBuffer raw) implements AutoCloseable {
    /** One event of the stream: its {@code id:} and its data (null when it had none). */
    record Event(long id, Change change) {}

    static ChangeEvents open(TestInstance t, String path, String token, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(t.uri(path)).header("Host", "localhost");
        if (token != null) b.header("Authorization", "Bearer " + token);
        headers.forEach(b::header);
        HttpResponse<Stream<String>> r = t.http.send(b.GET().build(), HttpResponse.BodyHandlers.ofLines());
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        StringBuffer raw = new StringBuffer();
        Thread.ofVirtual().start(() -> {
            try {
                r.body().forEach(line -> {
                    raw.append(line).append('\n');
                    lines.add(line);
                });
            } catch (RuntimeException e) {
                // closed by the test
            }
        });
        return new ChangeEvents(r, lines, raw);
    }

    /** The next event, comments (pings) skipped; fails after 10 s without one. */
    Event next() throws Exception {
        Long id = null;
        Change change = null;
        while (true) {
            String line = lines.poll(10, TimeUnit.SECONDS);
            if (line == null) throw new AssertionError("no event within 10 s; the stream so far:\n" + raw);
            if (line.startsWith("id: ")) id = Long.parseLong(line.substring(4));
            if (line.startsWith("data: ")) change = Json.MAPPER.readValue(line.substring(6), Change.class);
            if (line.isEmpty() && id != null) {
                if (change != null) assertThat(change.id()).as("the id: field is the change's id").isEqualTo(id);
                return new Event(id, change);
            }
        }
    }

    /** The next change, which must be of {@code kind}. */
    Change next(String kind) throws Exception {
        Change c = change();
        assertThat(c.kind()).as("the change after the last one: " + c).isEqualTo(kind);
        return c;
    }

    /** The next event that carries a change. */
    Change change() throws Exception {
        while (true) {
            Event e = next();
            if (e.change() != null) return e.change();
        }
    }

    @Override
    public void close() {
        response.body().close();
    }
}
