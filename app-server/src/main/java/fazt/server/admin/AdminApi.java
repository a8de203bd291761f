package fazt.server.admin;

import fazt.core.Fazt;
import fazt.core.FaztException;
import fazt.core.identity.Scope;
import fazt.core.identity.TooManyAttempts;
import fazt.server.ClientAddress;
import fazt.server.IncomingRequests;
import fazt.server.Replies;
import fazt.server.SessionCookie;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API (SPEC §8). The routing table below is the one place that says which routes
 * exist and which scope each needs; authentication is decided here, once per route.
 */
public final class AdminApi {
    private static final Logger log = LoggerFactory.getLogger(AdminApi.class);

    private final List<Route> routes;
    private final Fazt fazt;
    private final String localToken;
    private final SessionCookie sessionCookie;
    private final RelayToPeer relay;

    /** {@code localToken} is the per-run admin token that the CLI on this machine reads from the lock file. */
    public AdminApi(Fazt fazt, String localToken, Supplier<Runnable> focusHandler) {
        this.fazt = fazt;
        this.localToken = localToken;
        this.sessionCookie = new SessionCookie(fazt);
        this.relay = new RelayToPeer(fazt);
        LoginRoutes login = new LoginRoutes(fazt, sessionCookie);
        AppsRoutes apps = new AppsRoutes(fazt);
        AliasesRoutes aliases = new AliasesRoutes(fazt);
        KeysRoutes keys = new KeysRoutes(fazt);
        PeersRoutes peers = new PeersRoutes(fazt, new ClientAddress(fazt.config()));
        SystemRoutes system = new SystemRoutes(fazt);
        LogsRoutes logs = new LogsRoutes(fazt);
        ChangesRoutes changes = new ChangesRoutes(fazt);
        EnvVarsRoutes envVars = new EnvVarsRoutes(fazt);
        StatsRoutes stats = new StatsRoutes(fazt);
        ShortLinksRoutes shortLinks = new ShortLinksRoutes(fazt);
        ProvidersRoutes providers = new ProvidersRoutes(fazt);
        UsersRoutes users = new UsersRoutes(fazt);
        InvitesRoutes invites = new InvitesRoutes(fazt);
        StorageRoutes storage = new StorageRoutes(fazt);
        CertsRoutes certs = new CertsRoutes(fazt);
        this.routes = List.of(
                Route.open("POST", "/api/login", login::login),
                Route.open("POST", "/api/logout", login::logout),
                Route.open("GET", "/api/auth/status", login::status),
                new Route("GET", "/api/system/health", Scope.READ, system::health),
                new Route("GET", "/api/system/config", Scope.ADMIN, system::config),
                new Route("PUT", "/api/system/config", Scope.ADMIN, system::setConfig),
                new Route("GET", "/api/system/backup", Scope.ADMIN, system::backup),
                new Route("GET", "/api/certs", Scope.ADMIN, certs::list),
                new Route("PUT", "/api/certs", Scope.ADMIN, certs::put),
                new Route("DELETE", "/api/certs/{name}", Scope.ADMIN, certs::delete),
                new Route("PUT", "/api/system/owner", Scope.ADMIN, system::setOwner),
                new Route("POST", "/api/system/owner/password", Scope.ADMIN, system::generateOwnerPassword),
                new Route("POST", "/api/system/focus", Scope.ADMIN, c -> focus(focusHandler.get())),
                new Route("POST", "/api/deploy", Scope.DEPLOY, new DeployRoute(fazt)),
                new Route("GET", "/api/apps", Scope.READ, apps::list),
                new Route("GET", "/api/apps/{app}", Scope.READ, apps::get),
                new Route("DELETE", "/api/apps/{app}", Scope.ADMIN, apps::delete),
                new Route("GET", "/api/apps/{app}/versions", Scope.READ, apps::versions),
                new Route("POST", "/api/apps/{app}/rollback", Scope.DEPLOY, apps::rollback),
                new Route("GET", "/api/apps/{app}/files", Scope.READ, apps::files),
                new Route("GET", "/api/apps/{app}/schedules", Scope.READ, apps::schedules),
                new Route("POST", "/api/apps/{app}/schedules/run", Scope.DEPLOY, apps::runSchedule),
                new Route("GET", "/api/apps/{app}/kv", Scope.READ, storage::kvList),
                new Route("GET", "/api/apps/{app}/kv/entry", Scope.READ, storage::kvGet),
                new Route("PUT", "/api/apps/{app}/kv/entry", Scope.ADMIN, storage::kvPut),
                new Route("DELETE", "/api/apps/{app}/kv/entry", Scope.ADMIN, storage::kvDelete),
                new Route("GET", "/api/apps/{app}/collections", Scope.READ, storage::collections),
                new Route("GET", "/api/apps/{app}/docs", Scope.READ, storage::docs),
                new Route("GET", "/api/apps/{app}/docs/export", Scope.READ, storage::export),
                new Route("GET", "/api/apps/{app}/docs/entry", Scope.READ, storage::docGet),
                new Route("PUT", "/api/apps/{app}/docs/entry", Scope.ADMIN, storage::docPut),
                new Route("DELETE", "/api/apps/{app}/docs/entry", Scope.ADMIN, storage::docDelete),
                new Route("GET", "/api/apps/{app}/blobs", Scope.READ, storage::blobList),
                new Route("GET", "/api/apps/{app}/blobs/entry", Scope.READ, storage::blobGet),
                new Route("DELETE", "/api/apps/{app}/blobs/entry", Scope.ADMIN, storage::blobDelete),
                new Route("GET", "/api/aliases", Scope.READ, aliases::list),
                new Route("POST", "/api/aliases", Scope.ADMIN, aliases::create),
                new Route("POST", "/api/aliases/swap", Scope.ADMIN, aliases::swap),
                new Route("GET", "/api/aliases/{subdomain}", Scope.READ, aliases::get),
                new Route("PUT", "/api/aliases/{subdomain}", Scope.ADMIN, aliases::put),
                new Route("DELETE", "/api/aliases/{subdomain}", Scope.ADMIN, aliases::delete),
                new Route("GET", "/api/keys", Scope.ADMIN, keys::list),
                new Route("POST", "/api/keys", Scope.ADMIN, keys::create),
                new Route("DELETE", "/api/keys/{id}", Scope.ADMIN, keys::delete),
                Route.open("POST", "/api/peers/pair", peers::pair),
                new Route("POST", "/api/peers/pairing-code", Scope.ADMIN, peers::newCode),
                new Route("GET", "/api/peers", Scope.ADMIN, peers::list),
                new Route("POST", "/api/peers", Scope.ADMIN, peers::add),
                new Route("GET", "/api/peers/status", Scope.ADMIN, peers::status),
                new Route("DELETE", "/api/peers/{name}", Scope.ADMIN, peers::remove),
                new Route("PUT", "/api/peers/{name}/default", Scope.ADMIN, peers::makeDefault),
                new Route("GET", "/api/peers/{name}/status", Scope.ADMIN, peers::status),
                new Route("GET", "/api/logs", Scope.READ, logs::list),
                new Route("GET", "/api/logs/stream", Scope.READ, logs::stream),
                new Route("GET", "/api/changes", Scope.READ, changes::stream),
                new Route("GET", "/api/envvars", Scope.ADMIN, envVars::list),
                new Route("POST", "/api/envvars", Scope.ADMIN, envVars::set),
                new Route("DELETE", "/api/envvars", Scope.ADMIN, envVars::delete),
                new Route("GET", "/api/stats", Scope.READ, stats::summary),
                new Route("GET", "/api/stats/timeline", Scope.READ, stats::timeline),
                new Route("GET", "/api/events", Scope.READ, stats::events),
                new Route("GET", "/api/redirects", Scope.READ, shortLinks::list),
                new Route("POST", "/api/redirects", Scope.ADMIN, shortLinks::set),
                new Route("DELETE", "/api/redirects/{slug}", Scope.ADMIN, shortLinks::delete),
                new Route("GET", "/api/auth/providers", Scope.ADMIN, providers::list),
                new Route("PUT", "/api/auth/providers/{name}", Scope.ADMIN, providers::put),
                new Route("DELETE", "/api/auth/providers/{name}", Scope.ADMIN, providers::delete),
                new Route("GET", "/api/users", Scope.ADMIN, users::list),
                new Route("PUT", "/api/users/{id}", Scope.ADMIN, users::setRole),
                new Route("DELETE", "/api/users/{id}", Scope.ADMIN, users::delete),
                new Route("GET", "/api/invites", Scope.ADMIN, invites::list),
                new Route("POST", "/api/invites", Scope.ADMIN, invites::create),
                new Route("DELETE", "/api/invites/{code}", Scope.ADMIN, invites::delete),
                new Route("GET", "/api/templates", Scope.READ, apps::templates),
                new Route("POST", "/api/apps", Scope.DEPLOY, apps::create),
                new Route("POST", "/api/system/peer-backups", Scope.ADMIN, system::storePeerBackup),
                new Route("GET", "/api/apps/{app}/files/entry", Scope.READ, apps::file),
                new Route("POST", "/api/apps/{app}/call", Scope.DEPLOY, apps::call));
    }

    /** The routing table, in the order routes are tried. */
    List<Route> routes() {
        return routes;
    }

    private static Object focus(Runnable handler) {
        if (handler == null) {
            throw new FaztException(FaztException.Kind.CONFLICT, "NO_WINDOW", "this instance runs without a window");
        }
        handler.run();
        return Map.of("focused", true);
    }

    /** Handles {@code /api/*} on the admin host. */
    public void handle(String path, Request request, Response response, Callback callback) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> params = route.match(path);
            if (params == null) continue;
            pathKnown = true;
            if (!route.method().equals(request.getMethod())) continue;
            dispatch(route, new ApiCall(request, response, params), response, callback);
            return;
        }
        if (pathKnown) {
            Replies.sendError(response, callback, 405, "METHOD_NOT_ALLOWED", request.getMethod() + " is not allowed on " + path);
        } else {
            Replies.sendError(response, callback, 404, "NOT_FOUND", "no API route " + path);
        }
    }

    private void dispatch(Route route, ApiCall call, Response response, Callback callback) {
        try {
            String peer = RelayToPeer.peerOf(call.request());
            if (!route.isOpen()) {
                Scope scope = authenticate(call.request());
                if (!scope.allows(route.scope())) {
                    throw new FaztException(FaztException.Kind.FORBIDDEN, "FORBIDDEN", "this key has scope "
                            + scope.id() + "; " + route.method() + " " + route.pattern() + " needs " + route.scope().id());
                }
                if (peer != null && !scope.allows(Scope.ADMIN)) {
                    throw new FaztException(FaztException.Kind.FORBIDDEN, "FORBIDDEN",
                            "managing a linked peer needs an admin key or the owner's session; this key has scope " + scope.id());
                }
                call.scope(scope);
            } else if (peer != null) {
                throw FaztException.invalid(route.method() + " " + route.pattern() + " is answered by this instance itself;"
                        + " send it without " + RelayToPeer.HEADER);
            }
            // what an admin answer says about the instance is never for shared caches or the browser's history
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            if (peer != null) {
                relay.forward(peer, call.request(), response, callback);
                return;
            }
            Object data = route.endpoint().handle(call);
            if (data instanceof SystemRoutes.Download download) {
                sendDownload(download, response, callback);
                return;
            }
            if (data instanceof EventStream stream) {
                stream.send(call.request(), response, callback);
                return;
            }
            if (data instanceof FileReply file) {
                sendFile(file, response, callback);
                return;
            }
            if (data instanceof Paged paged) {
                Map<String, Object> envelope = new LinkedHashMap<>();
                envelope.put("data", paged.data());
                envelope.put("meta", paged.meta());
                Replies.sendJson(response, callback, 200, envelope);
                return;
            }
            Replies.sendData(response, callback, route.method().equals("POST") && data instanceof Created ? 201 : 200,
                    data instanceof Created c ? c.value() : data);
        } catch (FaztException e) {
            if (e.kind().status == 401) response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            if (e instanceof TooManyAttempts t) response.getHeaders().put(HttpHeader.RETRY_AFTER, t.retryAfterSeconds());
            Replies.sendError(response, callback, e);
        }
    }

    private static void sendDownload(SystemRoutes.Download download, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/vnd.sqlite3");
        response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"" + download.filename() + "\"");
        try {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Files.size(download.file()));
        } catch (IOException e) {
            throw new FaztException(FaztException.Kind.UNAVAILABLE, "BACKUP_FAILED", e.getMessage());
        }
        Content.copy(Content.Source.from(download.file()), response, Callback.from(callback, () -> deleteQuietly(download.file())));
    }

    /**
     * Stored bytes as a download. They were written by app code and may be HTML or SVG: served
     * from the admin origin they must never run, so they go out as an attachment in a sandbox.
     */
    private static void sendFile(FileReply file, Response response, Callback callback) {
        String name = file.filename().isEmpty() ? "download" : file.filename();
        String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
        response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        response.getHeaders().put("Content-Security-Policy", "default-src 'none'; sandbox");
        if (file.lastModified() > 0) response.getHeaders().putDate(HttpHeader.LAST_MODIFIED, file.lastModified());
        Replies.send(response, callback, 200, file.contentType(), file.body());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        } catch (IOException e) {
            log.warn("could not remove the temporary backup {}: {}", file, e.getMessage());
        }
    }

    /**
     * The caller's scope: the per-run local token and the owner's session give admin, an API key
     * its own scope. A session is a cookie, which a browser sends on its own: for anything but a
     * read, the request must also come from a page of this same origin (no cross-site requests,
     * not even from the instance's own app subdomains).
     */
    private Scope authenticate(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || header.isBlank()) return ownerSession(request);
        String token = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        if (localToken != null && MessageDigest.isEqual(localToken.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            return Scope.ADMIN;
        }
        Optional<Scope> scope = token.isEmpty() ? Optional.empty() : fazt.apiKeys().verify(token);
        if (scope.isEmpty()) {
            log.info("rejected an admin request with an unknown API key");
            throw new FaztException(FaztException.Kind.UNAUTHORIZED, "UNAUTHORIZED", "invalid API key");
        }
        return scope.get();
    }

    private Scope ownerSession(Request request) {
        boolean owner = sessionCookie.session(request).map(s -> s.isOwner()).orElse(false);
        if (!owner) {
            throw new FaztException(FaztException.Kind.UNAUTHORIZED, "UNAUTHORIZED",
                    "sign in as the owner (POST /api/login) or send 'Authorization: Bearer <token>' "
                            + "(create a key with 'fazt server create-key')");
        }
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD") && !IncomingRequests.isSameOrigin(request)) {
            throw new FaztException(FaztException.Kind.FORBIDDEN, "CROSS_ORIGIN",
                    "a signed-in " + method + " must come from the dashboard's own origin");
        }
        return Scope.ADMIN;
    }
}
