package fazt.core.peers;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.FaztException;
import fazt.core.Health;
import fazt.core.Json;
import fazt.core.backup.PeerBackups;
import fazt.core.Version;
import fazt.core.apps.DeployResult;
import fazt.core.changes.Change;
import fazt.core.changes.ChangeStream;
import fazt.core.logs.LogLine;
import fazt.core.logs.LogStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The HTTP side of talking to an instance's admin API with an API key: every exchange bounded
 * end to end ({@link Limits}), answers unwrapped from the {@code {"data": …}} envelope, and
 * failures turned into {@link FaztException}s a person can act on. For a linked peer the errors
 * name the peer and say what to do (offline, key revoked, incompatible version), the first call
 * checks that the peer runs a compatible version, and every contact is reported to a
 * {@link PeerContact}. The token is only ever sent in the Authorization header; no message carries it.
 */
final class AdminApiClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** An upload may take this long on top of {@link Limits#upload}: about 64 KB/s for the slowest link we wait for. */
    private static final long UPLOAD_BYTES_PER_MILLI = 64;
    private static final Duration BACKUP_TIMEOUT = Duration.ofMinutes(30);
    /** One client for every node: each HttpClient keeps a selector thread of its own. */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    private final String name;
    private final URI base;
    private final String token;
    private final HttpClient http = HTTP;
    private final boolean peer;
    private final PeerContact contact;
    private final Limits limits;
    private volatile boolean versionChecked;

    /**
     * How long a whole exchange (request, headers and body) may take: a call, a health check, an
     * upload (plus time for its size); and how long a log or change stream may stay silent before it is
     * opened again (the server pings every 15 s). The HTTP client's own timeout only covers the
     * wait for headers, so a peer that stalls in the body would otherwise block forever.
     */
    record Limits(Duration call, Duration health, Duration upload, Duration streamIdle) {
        static final Limits DEFAULT = new Limits(Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ofMinutes(10),
                Duration.ofSeconds(45));
    }

    private AdminApiClient(String name, URI base, String token, boolean peer, PeerContact contact, Limits limits) {
        this.name = name;
        this.base = base;
        this.token = token;
        this.peer = peer;
        this.contact = contact;
        this.limits = limits;
    }

    /** The instance serving data.db on this machine, driven with its per-run token. */
    static AdminApiClient local(String name, URI base, String token) {
        return new AdminApiClient(name, base, token, false, PeerContact.IGNORE, Limits.DEFAULT);
    }

    /** A linked peer; {@code contact} hears how each contact went. A null {@code token} is for pairing, before there is a key. */
    static AdminApiClient peer(String name, URI base, String token, PeerContact contact, Limits limits) {
        return new AdminApiClient(name, base, token, true, contact, limits);
    }

    String name() {
        return name;
    }

    URI base() {
        return base;
    }

    /** {@code GET /api/system/health} within its own short bound; for a peer, also checks that its version is compatible with ours. */
    Health health() {
        HttpRequest request = request(AdminEndpoint.HEALTH.at(), limits.health()).GET().build();
        Health h = unwrap(send(request, limits.health()), Json.MAPPER.constructType(Health.class));
        if (peer) {
            if (!PeerVersions.compatible(h.version(), Version.get())) {
                contact.record(Peer.INCOMPATIBLE, h.version());
                throw PeerVersions.incompatible(name, h.version(), Version.get());
            }
            versionChecked = true;
            contact.record(Peer.ONLINE, h.version());
        }
        return h;
    }

    /** A peer's version is checked before the first call that changes or reads anything. */
    private void checkVersionOnce() {
        if (peer && token != null && !versionChecked) health();
    }

    /** Sends {@code body} as JSON (none when null) and returns the answer's data as {@code type}. */
    <T> T call(AdminEndpoint.Call call, Object body, Class<T> type) {
        return call(call, body, Json.MAPPER.constructType(type));
    }

    <T> T call(AdminEndpoint.Call call, Object body, TypeReference<T> type) {
        return call(call, body, Json.MAPPER.constructType(type));
    }

    private <T> T call(AdminEndpoint.Call call, Object body, JavaType type) {
        checkVersionOnce();
        HttpRequest.BodyPublisher publisher;
        try {
            publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = request(call, limits.call())
                .header("Content-Type", "application/json").method(call.endpoint().method(), publisher).build();
        return unwrap(send(request, limits.call()), type);
    }

    /** The whole answer, {@code data} and {@code meta}, for a listing whose paging the caller needs. */
    JsonNode callForEnvelope(AdminEndpoint.Call call) {
        checkVersionOnce();
        HttpRequest request = request(call, limits.call()).method(call.endpoint().method(), HttpRequest.BodyPublishers.noBody()).build();
        return envelope(send(request, limits.call()));
    }

    /** A file the instance sends as it is (an export, a blob): its bytes, type and modification time (0 when not given). */
    Download download(AdminEndpoint.Call call) {
        checkVersionOnce();
        BytesResponse r = send(request(call, limits.call()).GET().build(), limits.call());
        if (r.status() != 200) throw refusal(r.status(), r.body());
        long modified = r.headers().firstValue("Last-Modified")
                .map(v -> ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli()).orElse(0L);
        return new Download(r.body(), r.headers().firstValue("Content-Type").orElse("application/octet-stream"), modified);
    }

    /** What {@link #download} got. */
    record Download(byte[] body, String contentType, long lastModified) {}

    /** Deletes the key this client authenticates with, on the instance (unlinking). */
    void deleteOwnKey(String keyId) {
        call(AdminEndpoint.DELETE_KEY.at(keyId), null, JsonNode.class);
    }

    /**
     * {@code POST /api/deploy} as a multipart form; {@code progress} hears how many bytes of the
     * zip have been sent. The whole exchange may take {@link Limits#upload} plus time for the size.
     */
    DeployResult deploy(String appName, byte[] zip, Boolean spa, LongConsumer progress) {
        checkVersionOnce();
        String boundary = "fazt-" + Long.toHexString(System.nanoTime());
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        if (appName != null) field(head, boundary, "site_name", appName);
        if (spa != null) field(head, boundary, "spa", spa.toString());
        write(head, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"site.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\n");
        byte[] before = head.toByteArray();
        byte[] after = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        long length = (long) before.length + zip.length + after.length;
        // what the HTTP client has read is what it is sending: report it as bytes of the zip
        LongConsumer zipProgress = sent -> progress.accept(Math.max(0, Math.min(zip.length, sent - before.length)));
        // the form is read from its three pieces in turn: the zip (50 MB for a large site) is not copied into it
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> new ProgressStream(new SequenceInputStream(Collections.enumeration(
                        List.of(new ByteArrayInputStream(before), new ByteArrayInputStream(zip), new ByteArrayInputStream(after)))),
                        zipProgress)),
                length);
        Duration bound = limits.upload().plusMillis(length / UPLOAD_BYTES_PER_MILLI);
        HttpRequest request = request(AdminEndpoint.DEPLOY.at(), bound)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(publisher).build();
        return unwrap(send(request, bound), Json.MAPPER.constructType(DeployResult.class));
    }

    private static void field(ByteArrayOutputStream out, String boundary, String name, String value) {
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Streams {@code GET /api/system/backup} into {@code target}; a partial copy never takes its place. */
    void backup(Path target) {
        checkVersionOnce();
        HttpRequest request = request(AdminEndpoint.BACKUP.at(), BACKUP_TIMEOUT).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw refusal(response.statusCode(), in.readAllBytes());
                }
                Path tmp = target.resolveSibling(target.getFileName() + ".part");
                // a peer that stops sending mid-file would block the copy for ever: a silent minute ends it
                try (IdleWatchdog watchdog = new IdleWatchdog(limits.call(), () -> IdleWatchdog.closeQuietly(in));
                        OutputStream out = Files.newOutputStream(tmp)) {
                    byte[] buf = new byte[64 * 1024];
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        watchdog.heard();
                        out.write(buf, 0, n);
                    }
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new FaztException(FaztException.Kind.UNAVAILABLE, "BACKUP_FAILED", "backup from " + name + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaztException(FaztException.Kind.UNAVAILABLE, "INTERRUPTED", "interrupted");
        }
    }

    /**
     * {@code POST /api/system/peer-backups}: sends a backup file for the peer to keep (as
     * {@code from}, {@code keep} of them); the whole exchange may take {@link Limits#upload} plus time for the size.
     */
    PeerBackups.Stored storeBackup(Path file, String from, int keep) {
        checkVersionOnce();
        try {
            long size = Files.size(file);
            Duration bound = limits.upload().plusMillis(size / UPLOAD_BYTES_PER_MILLI);
            HttpRequest request = request(AdminEndpoint.STORE_PEER_BACKUP.at().query("from", from, "keep", String.valueOf(keep)), bound)
                    .header("Content-Type", "application/vnd.sqlite3").POST(HttpRequest.BodyPublishers.ofFile(file)).build();
            return unwrap(send(request, bound), Json.MAPPER.constructType(PeerBackups.Stored.class));
        } catch (IOException e) {
            throw new FaztException(FaztException.Kind.UNAVAILABLE, "BACKUP_FAILED", "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Follows the log stream ({@code GET /api/logs/stream}, Server-Sent Events) on a thread of the stream. */
    LogStream streamLogs(AdminEndpoint.Call call, Consumer<LogLine> onLine) {
        checkVersionOnce();
        return new RemoteLogStream(name, http, lastId -> eventStreamRequest(call, lastId), this::refusal, onLine, limits.streamIdle());
    }

    /** Follows the change stream ({@code GET /api/changes}, Server-Sent Events) on a thread of the stream. */
    ChangeStream followChanges(AdminEndpoint.Call call, Consumer<Change> onChange) {
        checkVersionOnce();
        return new RemoteChangeStream(name, http, lastId -> eventStreamRequest(call, lastId), this::refusal, onChange,
                limits.streamIdle());
    }

    private HttpRequest eventStreamRequest(AdminEndpoint.Call call, Long lastId) {
        // no timeout: the answer to this request never ends
        HttpRequest.Builder b = authorized(call).header("Accept", "text/event-stream");
        if (lastId != null) b.header("Last-Event-ID", lastId.toString());
        return b.GET().build();
    }

    private HttpRequest.Builder request(AdminEndpoint.Call call, Duration timeout) {
        return authorized(call).timeout(timeout);
    }

    private HttpRequest.Builder authorized(AdminEndpoint.Call call) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(call.path()));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    /** A finished response: status, body and headers. */
    private record BytesResponse(int status, byte[] body, HttpHeaders headers) {}

    /** Sends and reads the whole answer within {@code bound}; past it the exchange is cancelled. */
    private BytesResponse send(HttpRequest request, Duration bound) {
        HttpResponse<byte[]> r = await(http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()), bound);
        return new BytesResponse(r.statusCode(), r.body(), r.headers());
    }

    /**
     * Sends a request of the admin API as a dashboard made it ({@link PeerRelay}): {@code pathAndQuery}
     * on this instance, with {@code headers} and {@code body}, authorized with our key. Returns as
     * soon as the headers are in (within {@link Limits#call}, or {@link Limits#upload} when a body
     * is sent); the caller reads the body and closes it.
     */
    HttpResponse<InputStream> forward(String method, String pathAndQuery, Map<String, String> headers,
            HttpRequest.BodyPublisher body, boolean hasBody) {
        checkVersionOnce();
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(pathAndQuery)).method(method, body);
        if (token != null) b.header("Authorization", "Bearer " + token);
        headers.forEach(b::header);
        return await(http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofInputStream()), hasBody ? limits.upload() : limits.call());
    }

    /** Waits for an exchange within {@code bound}, records the contact, and turns failures into errors a person can act on. */
    private <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> exchange, Duration bound) {
        try {
            HttpResponse<T> r = exchange.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            if (peer && token != null) contact.record(r.statusCode() == 401 ? Peer.UNAUTHORIZED : Peer.ONLINE, null);
            return r;
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw unreachable(new HttpTimeoutException("no answer within " + bound.toSeconds() + " s"));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw unreachable(io);
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new FaztException(FaztException.Kind.UNAVAILABLE, "INTERRUPTED", "interrupted");
        }
    }

    private <T> T unwrap(BytesResponse response, JavaType type) {
        return Json.MAPPER.convertValue(envelope(response).get("data"), type);
    }

    /** The {@code {"data": …}} answer, or the error it carries. */
    private JsonNode envelope(BytesResponse response) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            root = null;
        }
        if (response.status() >= 400 || root == null || !root.has("data")) throw refusal(response.status(), root);
        return root;
    }

    private FaztException unreachable(IOException e) {
        if (!peer) {
            return new FaztException(FaztException.Kind.UNAVAILABLE, "UNREACHABLE", "cannot reach " + name + " at " + base + ": " + reason(e));
        }
        if (token != null) contact.record(Peer.OFFLINE, null);
        String check = token == null ? "is fazt running there, and is the URL right?"
                : "is it running and reachable from here? Check with 'fazt peer status " + name + "'";
        return new FaztException(FaztException.Kind.UNAVAILABLE, "PEER_OFFLINE",
                "cannot reach peer '" + name + "' at " + base + " (" + reason(e) + "); " + check);
    }

    private static String reason(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException) return "unknown host";
        }
        if (e instanceof java.net.http.HttpConnectTimeoutException) return "timed out connecting";
        if (e instanceof HttpTimeoutException) return "no answer in time";
        if (e instanceof java.net.ConnectException) return "connection refused";
        if (e instanceof javax.net.ssl.SSLException) return "TLS failed: " + e.getMessage();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The error an answer carries in its envelope, or a generic one naming the status. */
    FaztException refusal(int status, byte[] body) {
        try {
            return refusal(status, Json.MAPPER.readTree(body));
        } catch (IOException e) {
            return refusal(status, (JsonNode) null);
        }
    }

    private FaztException refusal(int status, JsonNode root) {
        if (peer && token != null && status == 401) {
            return new FaztException(FaztException.Kind.UNAUTHORIZED, "PEER_UNAUTHORIZED", "peer '" + name + "' at " + base
                    + " no longer accepts the key it gave us (it was revoked there, or the peer's data was replaced); link it again:"
                    + " run 'fazt server pair' on the peer, then here 'fazt peer add " + name + " " + base + " --code CODE'");
        }
        JsonNode err = root == null ? null : root.get("error");
        String message = err != null && err.has("message") ? err.get("message").asText() : "HTTP " + status + " from " + name;
        String code = err != null && err.has("code") ? err.get("code").asText() : "HTTP_" + status;
        return new FaztException(kindFor(status), code, message);
    }

    private static FaztException.Kind kindFor(int status) {
        for (FaztException.Kind k : FaztException.Kind.values()) if (k.status == status) return k;
        return status >= 500 ? FaztException.Kind.UNAVAILABLE : FaztException.Kind.INVALID;
    }

    /** Reports how many bytes of the upload have been read by the HTTP client. */
    private static final class ProgressStream extends FilterInputStream {
        private final LongConsumer progress;
        private long sent;

        ProgressStream(InputStream in, LongConsumer progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) progress.accept(sent += n);
            return n;
        }
    }
}
