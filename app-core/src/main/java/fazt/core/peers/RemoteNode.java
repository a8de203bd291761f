package fazt.core.peers;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.FaztException;
import fazt.core.Health;
import fazt.core.Json;
import fazt.core.Node;
import fazt.core.Version;
import fazt.core.analytics.Interval;
import fazt.core.analytics.Redirect;
import fazt.core.analytics.StatsSummary;
import fazt.core.analytics.TimelinePoint;
import fazt.core.apps.Alias;
import fazt.core.apps.AppInfo;
import fazt.core.apps.AppNames;
import fazt.core.apps.DeployResult;
import fazt.core.apps.FileInfo;
import fazt.core.apps.VersionInfo;
import fazt.core.identity.ApiKeys;
import fazt.core.identity.Invites;
import fazt.core.identity.OAuthProviders;
import fazt.core.identity.Scope;
import fazt.core.identity.Users;
import fazt.core.logs.LogLine;
import fazt.core.logs.LogStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * An instance reached over its admin API with an API key: the same {@link Node}, over HTTP or
 * HTTPS. Two uses: the CLI driving the instance that serves data.db on this machine (the
 * constructor), and a linked peer ({@link #peer}). For a peer, errors name the peer and say what
 * to do (offline, key revoked, incompatible version), the first call checks that the peer runs a
 * compatible version, and every contact is reported to a {@link PeerContact}. The token is only
 * ever sent in the Authorization header; no message carries it.
 */
public final class RemoteNode implements Node {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** An upload may take this long on top of {@link Limits#upload}: about 64 KB/s for the slowest link we wait for. */
    private static final long UPLOAD_BYTES_PER_MILLI = 64;
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
    private volatile String baseDomain;

    /** The instance serving data.db on this machine, driven with its per-run token. */
    public RemoteNode(String name, URI base, String token) {
        this(name, base, token, false, PeerContact.IGNORE, Limits.DEFAULT);
    }

    private RemoteNode(String name, URI base, String token, boolean peer, PeerContact contact, Limits limits) {
        this.name = name;
        this.base = base;
        this.token = token;
        this.peer = peer;
        this.contact = contact;
        this.limits = limits;
    }

    /** A linked peer; {@code contact} hears how each contact went. */
    public static RemoteNode peer(String name, URI base, String token, PeerContact contact) {
        return peer(name, base, token, contact, Limits.DEFAULT);
    }

    static RemoteNode peer(String name, URI base, String token, PeerContact contact, Limits limits) {
        return new RemoteNode(name, base, token, true, contact, limits);
    }

    /**
     * How long a whole exchange (request, headers and body) may take: a call, a health check, an
     * upload (plus time for its size); and how long a log stream may stay silent before it is
     * opened again (the server pings every 15 s). The HTTP client's own timeout only covers the
     * wait for headers, so a peer that stalls in the body would otherwise block forever.
     */
    record Limits(Duration call, Duration health, Duration upload, Duration streamIdle) {
        static final Limits DEFAULT = new Limits(Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ofMinutes(10),
                Duration.ofSeconds(45));
    }

    /** What a peer gives for a pairing code: an admin key (its token shown this once) and its version. */
    public record Paired(String token, String keyId, String version) {}

    /**
     * Trades a pairing code for an API key at {@code base}'s {@code POST /api/peers/pair}; the
     * peer names the key after {@code asName}. A peer on an incompatible version is refused (and
     * the key it just made is deleted again).
     */
    static Paired pair(String peerName, URI base, String code, String asName) {
        RemoteNode open = new RemoteNode(peerName, base, null, true, PeerContact.IGNORE, Limits.DEFAULT);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("name", asName);
        Paired paired;
        try {
            paired = open.call("POST", "/api/peers/pair", body, Paired.class);
        } catch (FaztException e) {
            if (e.kind() == FaztException.Kind.UNAVAILABLE) throw e;
            throw new FaztException(e.kind(), e.code(), "peer '" + peerName + "' at " + base + " refused the pairing code: " + e.getMessage());
        }
        if (!PeerVersions.compatible(paired.version(), Version.get())) {
            try {
                new RemoteNode(peerName, base, paired.token(), true, PeerContact.IGNORE, Limits.DEFAULT).deleteOwnKey(paired.keyId());
            } catch (FaztException e) {
                // the peer keeps an unused key, which its owner can delete; the error below matters more
            }
            throw PeerVersions.incompatible(peerName, paired.version(), Version.get());
        }
        return paired;
    }

    /**
     * Where this peer serves an app: {@code <app>.<its base domain>} (the bare base domain for
     * the landing app), with the scheme and port of the peer's URL.
     */
    public String appUrl(String app) {
        String domain = baseDomain;
        if (domain == null) baseDomain = domain = health().baseDomains().get(0);
        String port = base.getPort() < 0 ? "" : ":" + base.getPort();
        return AppNames.LANDING.equals(app) ? base.getScheme() + "://" + domain + port + "/" : base.getScheme() + "://" + app + "." + domain + port;
    }

    /** Deletes the key this node authenticates with, on the peer (unlinking). */
    void deleteOwnKey(String keyId) {
        call("DELETE", "/api/keys/" + enc(keyId), null, JsonNode.class);
    }

    @Override
    public String name() {
        return name;
    }

    /** For a peer, also checks that its version is compatible with ours. */
    @Override
    public Health health() {
        HttpRequest request = request("/api/system/health", limits.health()).GET().build();
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

    @Override
    public DeployResult deploy(String appName, byte[] zip, Boolean spa, LongConsumer progress) {
        checkVersionOnce();
        String boundary = "fazt-" + Long.toHexString(System.nanoTime());
        ByteArrayOutputStream body = new ByteArrayOutputStream(zip.length + 512);
        if (appName != null) field(body, boundary, "site_name", appName);
        if (spa != null) field(body, boundary, "spa", spa.toString());
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"site.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\n");
        int before = body.size();
        body.writeBytes(zip);
        write(body, "\r\n--" + boundary + "--\r\n");
        byte[] bytes = body.toByteArray();
        // what the HTTP client has read is what it is sending: report it as bytes of the zip
        LongConsumer zipProgress = sent -> progress.accept(Math.max(0, Math.min(zip.length, sent - before)));
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> new ProgressStream(new ByteArrayInputStream(bytes), zipProgress)),
                bytes.length);
        Duration bound = limits.upload().plusMillis(bytes.length / UPLOAD_BYTES_PER_MILLI);
        HttpRequest request = request("/api/deploy", bound)
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

    @Override
    public List<AppInfo> apps() {
        return call("GET", "/api/apps", null, new TypeReference<List<AppInfo>>() {});
    }

    @Override
    public AppInfo app(String ref) {
        return call("GET", "/api/apps/" + enc(ref), null, AppInfo.class);
    }

    @Override
    public void removeApp(String ref) {
        call("DELETE", "/api/apps/" + enc(ref), null, JsonNode.class);
    }

    @Override
    public List<VersionInfo> versions(String ref) {
        return call("GET", "/api/apps/" + enc(ref) + "/versions", null, new TypeReference<List<VersionInfo>>() {});
    }

    @Override
    public VersionInfo rollback(String ref, Integer version) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (version != null) body.put("version", version);
        return call("POST", "/api/apps/" + enc(ref) + "/rollback", body, VersionInfo.class);
    }

    @Override
    public List<FileInfo> files(String ref) {
        return call("GET", "/api/apps/" + enc(ref) + "/files", null, new TypeReference<List<FileInfo>>() {});
    }

    @Override
    public List<Alias> aliases() {
        return call("GET", "/api/aliases", null, new TypeReference<List<Alias>>() {});
    }

    @Override
    public Alias setAlias(String subdomain, String type, String target) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("target", target);
        return call("PUT", "/api/aliases/" + enc(subdomain), body, Alias.class);
    }

    @Override
    public void removeAlias(String subdomain) {
        call("DELETE", "/api/aliases/" + enc(subdomain), null, JsonNode.class);
    }

    @Override
    public void swapAliases(String a, String b) {
        call("POST", "/api/aliases/swap", Map.of("a", a, "b", b), JsonNode.class);
    }

    @Override
    public Map<String, String> config() {
        return call("GET", "/api/system/config", null, new TypeReference<Map<String, String>>() {});
    }

    @Override
    public void setConfig(String key, String value) {
        call("PUT", "/api/system/config", Map.of(key, value), JsonNode.class);
    }

    @Override
    public ApiKeys.NewKey createKey(String keyName, Scope scope) {
        return call("POST", "/api/keys", Map.of("name", keyName, "scope", scope.id()), ApiKeys.NewKey.class);
    }

    /** Streams {@code GET /api/system/backup} into {@code target}. */
    @Override
    public void backup(Path target) {
        checkVersionOnce();
        HttpRequest request = request("/api/system/backup", Duration.ofMinutes(30)).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    unwrap(new BytesResponse(response.statusCode(), in.readAllBytes()), Json.MAPPER.constructType(JsonNode.class));
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

    @Override
    public List<Peer> peers() {
        return call("GET", "/api/peers", null, new TypeReference<List<Peer>>() {});
    }

    @Override
    public Peer addPeer(String peerName, String url, String code, String peerToken) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("name", peerName);
        body.put("url", url);
        if (code != null) body.put("code", code);
        if (peerToken != null) body.put("token", peerToken);
        return call("POST", "/api/peers", body, Peer.class);
    }

    @Override
    public boolean removePeer(String peerName) {
        return call("DELETE", "/api/peers/" + enc(peerName), null, JsonNode.class).path("revoked").asBoolean();
    }

    @Override
    public Peer setDefaultPeer(String peerName) {
        return call("PUT", "/api/peers/" + enc(peerName) + "/default", null, Peer.class);
    }

    @Override
    public PeerStatus peerStatus(String peerName) {
        return call("GET", peerName == null ? "/api/peers/status" : "/api/peers/" + enc(peerName) + "/status", null, PeerStatus.class);
    }

    @Override
    public Pairing.Code newPairingCode() {
        return call("POST", "/api/peers/pairing-code", null, Pairing.Code.class);
    }

    @Override
    public List<LogLine> logs(String app, String level, int limit) {
        return call("GET", "/api/logs" + query("app", app, "level", level, "limit", String.valueOf(limit)), null,
                new TypeReference<List<LogLine>>() {});
    }

    /** Reads {@code GET /api/logs/stream} (Server-Sent Events) on a thread of the stream. */
    @Override
    public LogStream streamLogs(String app, String level, Consumer<LogLine> onLine) {
        checkVersionOnce();
        String path = "/api/logs/stream" + query("app", app, "level", level);
        return new RemoteLogStream(name, http, lastId -> {
            // no timeout: the answer to this request never ends
            HttpRequest.Builder b = authorized(path).header("Accept", "text/event-stream");
            if (lastId != null) b.header("Last-Event-ID", lastId.toString());
            return b.GET().build();
        }, this::refusal, onLine, limits.streamIdle());
    }

    @Override
    public Map<String, String> envVars(String app) {
        return new TreeMap<>(call("GET", "/api/envvars" + query("app", app), null, new TypeReference<Map<String, String>>() {}));
    }

    @Override
    public void setEnvVar(String app, String key, String value) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("app", app);
        body.put("key", key);
        body.put("value", value);
        call("POST", "/api/envvars", body, JsonNode.class);
    }

    @Override
    public void removeEnvVar(String app, String key) {
        call("DELETE", "/api/envvars" + query("app", app, "key", key), null, JsonNode.class);
    }

    /** {@code ?name=value&…} of the pairs whose value is not null (empty when none is). */
    private static String query(String... pairs) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) continue;
            q.append(q.isEmpty() ? '?' : '&').append(pairs[i]).append('=').append(enc(pairs[i + 1]));
        }
        return q.toString();
    }

    private <T> T call(String method, String path, Object body, Class<T> type) {
        return call(method, path, body, Json.MAPPER.constructType(type));
    }

    private <T> T call(String method, String path, Object body, TypeReference<T> type) {
        return call(method, path, body, Json.MAPPER.constructType(type));
    }

    private <T> T call(String method, String path, Object body, JavaType type) {
        checkVersionOnce();
        HttpRequest.BodyPublisher publisher;
        try {
            publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = request(path, limits.call())
                .header("Content-Type", "application/json").method(method, publisher).build();
        return unwrap(send(request, limits.call()), type);
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        return authorized(path).timeout(timeout);
    }

    private HttpRequest.Builder authorized(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    /** A finished response: status and body. */
    private record BytesResponse(int status, byte[] body) {}

    /** Sends and reads the whole answer within {@code bound}; past it the exchange is cancelled. */
    private BytesResponse send(HttpRequest request, Duration bound) {
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> r = exchange.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            if (peer && token != null) contact.record(r.statusCode() == 401 ? Peer.UNAUTHORIZED : Peer.ONLINE, null);
            return new BytesResponse(r.statusCode(), r.body());
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
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            root = null;
        }
        if (response.status() >= 400 || root == null || !root.has("data")) throw refusal(response.status(), root);
        return Json.MAPPER.convertValue(root.get("data"), type);
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
    private FaztException refusal(int status, byte[] body) {
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

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
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

    @Override
    public StatsSummary stats(String app) {
        return call("GET", "/api/stats" + query("app", app), null, StatsSummary.class);
    }

    @Override
    public List<TimelinePoint> timeline(String app, Interval interval, int points) {
        String from = String.valueOf(interval.startOfLast(points, System.currentTimeMillis()));
        return call("GET", "/api/stats/timeline" + query("app", app, "interval", interval.id(), "from", from), null,
                new TypeReference<List<TimelinePoint>>() {});
    }

    @Override
    public List<Redirect> redirects() {
        return call("GET", "/api/redirects", null, new TypeReference<List<Redirect>>() {});
    }

    @Override
    public Redirect setRedirect(String slug, String url) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("slug", slug);
        body.put("url", url);
        return call("POST", "/api/redirects", body, Redirect.class);
    }

    @Override
    public void removeRedirect(String slug) {
        call("DELETE", "/api/redirects/" + enc(slug), null, JsonNode.class);
    }

    @Override
    public List<OAuthProviders.Provider> authProviders() {
        return call("GET", "/api/auth/providers", null, new TypeReference<List<OAuthProviders.Provider>>() {});
    }

    @Override
    public OAuthProviders.Provider setAuthProvider(String providerName, String clientId, String clientSecret, String issuer,
            Boolean enabled) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (clientId != null) body.put("client_id", clientId);
        if (clientSecret != null) body.put("client_secret", clientSecret);
        if (issuer != null) body.put("issuer", issuer);
        if (enabled != null) body.put("enabled", enabled);
        return call("PUT", "/api/auth/providers/" + enc(providerName), body, OAuthProviders.Provider.class);
    }

    @Override
    public void removeAuthProvider(String providerName) {
        call("DELETE", "/api/auth/providers/" + enc(providerName), null, JsonNode.class);
    }

    @Override
    public List<Users.User> users() {
        return call("GET", "/api/users", null, new TypeReference<List<Users.User>>() {});
    }

    @Override
    public Users.User setUserRole(String id, String role) {
        return call("PUT", "/api/users/" + enc(id), Map.of("role", role), Users.User.class);
    }

    @Override
    public void removeUser(String id) {
        call("DELETE", "/api/users/" + enc(id), null, JsonNode.class);
    }

    @Override
    public List<Invites.Invite> invites() {
        return call("GET", "/api/invites", null, new TypeReference<List<Invites.Invite>>() {});
    }

    @Override
    public Invites.Invite createInvite(String role, int maxUses, int validDays) {
        return call("POST", "/api/invites", Map.of("role", role, "max_uses", maxUses, "valid_days", validDays), Invites.Invite.class);
    }

    @Override
    public void removeInvite(String code) {
        call("DELETE", "/api/invites/" + enc(code), null, JsonNode.class);
    }
}
