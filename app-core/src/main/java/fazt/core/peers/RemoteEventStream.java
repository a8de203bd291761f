package fazt.core.peers;

import com.fasterxml.jackson.core.JsonProcessingException;
import fazt.core.FaztException;
import fazt.core.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A peer's Server-Sent Events stream (its log stream, its change stream) read on a virtual
 * thread, each event's data delivered as a {@code T}. When the stream ends (the peer is stopping)
 * or the connection breaks, the reader reconnects after a second with {@code Last-Event-ID} (the
 * last {@code id:} received), so the peer can send what was missed; when reconnecting fails, the
 * stream ends with that error in {@link #done()}. A stream on which nothing (no event, no ping)
 * arrives for the idle limit counts as broken: a peer that stalls would otherwise keep the reader
 * waiting forever.
 */
abstract class RemoteEventStream<T> {
    private static final long RECONNECT_PAUSE_MILLIS = 1000;

    private final String peer;
    private final String what;
    private final Class<T> type;
    private final HttpClient http;
    private final Function<Long, HttpRequest> request;
    private final BiFunction<Integer, byte[], FaztException> refusal;
    private final Consumer<T> onEvent;
    private final Duration idleLimit;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile InputStream body;
    private Long lastId;

    /**
     * {@code what} names the stream in messages ("log stream"); {@code request} builds the stream
     * request, given the last event id received (null at first); {@code refusal} turns an error
     * answer (status, body) into the exception to report; {@code idleLimit} is how long the peer
     * may send nothing, headers included.
     */
    RemoteEventStream(String peer, String what, Class<T> type, HttpClient http, Function<Long, HttpRequest> request,
            BiFunction<Integer, byte[], FaztException> refusal, Consumer<T> onEvent, Duration idleLimit) {
        this.peer = peer;
        this.what = what;
        this.type = type;
        this.http = http;
        this.request = request;
        this.refusal = refusal;
        this.onEvent = onEvent;
        this.idleLimit = idleLimit;
        this.thread = Thread.ofVirtual().name("fazt-remote-" + what.replace(' ', '-')).start(this::run);
    }

    private void run() {
        try {
            while (!closed) {
                read(connect());
                if (!closed) Thread.sleep(RECONNECT_PAUSE_MILLIS);
            }
            done.complete(null);
        } catch (InterruptedException e) {
            done.complete(null); // close() interrupts
        } catch (RuntimeException e) {
            if (closed) done.complete(null);
            else done.completeExceptionally(e);
        }
    }

    private InputStream connect() throws InterruptedException {
        HttpResponse<InputStream> response;
        CompletableFuture<HttpResponse<InputStream>> exchange = http.sendAsync(request.apply(lastId), HttpResponse.BodyHandlers.ofInputStream());
        try {
            response = exchange.get(idleLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw lost("no answer in time");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw lost(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        }
        if (response.statusCode() != 200) {
            byte[] answer;
            try (InputStream in = response.body()) {
                answer = in.readAllBytes();
            } catch (IOException e) {
                answer = new byte[0];
            }
            throw refusal.apply(response.statusCode(), answer);
        }
        return response.body();
    }

    private FaztException lost(String reason) {
        return new FaztException(FaztException.Kind.UNAVAILABLE, "UNREACHABLE", "lost the " + what + " of " + peer + " ("
                + reason + "); is it still running?");
    }

    /** Delivers events until the stream ends; a broken or silent connection counts as an end. */
    private void read(InputStream in) {
        body = in;
        if (closed) return; // close() may have run before body was set, and then had nothing to close
        try (IdleWatchdog watchdog = new IdleWatchdog(idleLimit, () -> IdleWatchdog.closeQuietly(in));
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            StringBuilder data = new StringBuilder();
            String id = null;
            String line;
            while (!closed && (line = r.readLine()) != null) {
                watchdog.heard();
                if (line.isEmpty()) {
                    // an event ends: its id counts even without data (a stream may send one to say where it starts)
                    if (id != null) lastId = parseId(id);
                    if (!data.isEmpty()) deliver(data.toString());
                    data.setLength(0);
                    id = null;
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) data.append('\n');
                    data.append(field(line));
                } else if (line.startsWith("id:")) {
                    id = field(line);
                }
                // comments (":") are pings
            }
        } catch (IOException e) {
            // the connection broke: reconnect like after an end
        }
    }

    private static String field(String line) {
        String v = line.substring(line.indexOf(':') + 1);
        return v.startsWith(" ") ? v.substring(1) : v;
    }

    private Long parseId(String id) {
        try {
            return Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            throw new FaztException(FaztException.Kind.UNAVAILABLE, "BAD_STREAM", peer + " sent an event id that is not a number: " + id);
        }
    }

    private void deliver(String json) {
        T event;
        try {
            event = Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new FaztException(FaztException.Kind.UNAVAILABLE, "BAD_STREAM",
                    peer + " sent an event on its " + what + " that is not valid JSON: " + e.getOriginalMessage());
        }
        if (!closed) onEvent.accept(event);
    }

    public CompletableFuture<Void> done() {
        return done;
    }

    public void close() {
        closed = true;
        InputStream in = body;
        if (in != null) IdleWatchdog.closeQuietly(in);
        if (Thread.currentThread() == thread) return;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
