package fazt.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fazt.core.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Executors;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * A reverse proxy in front of the mock OIDC server, on its own port, so that the issuer seen by
 * fazt is {@code http://localhost:<relay port>/default} (the mock names itself after the Host
 * header it receives). In {@link Mode#PASS} it changes nothing, which shows the set-up is sound;
 * the other modes break one thing a real attacker or a misconfigured provider could.
 */
final class OidcRelay implements AutoCloseable {
    enum Mode {
        /** Forward everything unchanged. */
        PASS,
        /** Let the mock mint the token under its own name, so its issuer is not the configured one. */
        WRONG_ISSUER,
        /** Change the ID token's subject after it was signed. */
        TAMPERED,
        /** Publish the keys of another issuer, so the real signature cannot be checked. */
        OTHER_KEYS,
        /** Answer userinfo with an email for {@link #USERINFO_SUBJECT}. */
        USERINFO
    }

    static final String USERINFO_SUBJECT = "carol-sub";

    private final MockOAuth2Server mock;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    volatile Mode mode = Mode.PASS;

    OidcRelay(MockOAuth2Server mock) throws IOException {
        this.mock = mock;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::relay);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String issuer() {
        return "http://localhost:" + server.getAddress().getPort() + "/default";
    }

    private void relay(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            if (mode == Mode.USERINFO && path.endsWith("/userinfo")) {
                send(ex, 200, "application/json", ("{\"sub\":\"" + USERINFO_SUBJECT + "\",\"email\":\"carol@example.com\","
                        + "\"email_verified\":true,\"name\":\"Carol\"}").getBytes(StandardCharsets.UTF_8), null);
                return;
            }
            if (mode == Mode.OTHER_KEYS && path.endsWith("/jwks")) path = "/other/jwks";
            URI target = URI.create(mock.baseUrl().toString().replaceAll("/$", "") + path + (query == null ? "" : "?" + query));
            HttpRequest.Builder b = HttpRequest.newBuilder(target)
                    .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(ex.getRequestBody().readAllBytes()));
            if (mode != Mode.WRONG_ISSUER) b.header("Host", "localhost:" + server.getAddress().getPort());
            for (String h : new String[] {"Content-Type", "Authorization"}) {
                String v = ex.getRequestHeaders().getFirst(h);
                if (v != null) b.header(h, v);
            }
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = r.body();
            if (mode == Mode.TAMPERED && path.endsWith("/token") && r.statusCode() == 200) body = tamper(body);
            send(ex, r.statusCode(), r.headers().firstValue("Content-Type").orElse("application/octet-stream"), body,
                    r.headers().firstValue("Location").orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Rewrites the ID token's payload (sub) and keeps the old signature. */
    private static byte[] tamper(byte[] tokenResponse) throws IOException {
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(tokenResponse);
        String[] parts = json.get("id_token").asText().split("\\.");
        ObjectNode claims = (ObjectNode) Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
        claims.put("sub", "mallory");
        parts[1] = Base64.getUrlEncoder().withoutPadding().encodeToString(Json.MAPPER.writeValueAsBytes(claims));
        json.put("id_token", String.join(".", parts));
        return Json.MAPPER.writeValueAsBytes(json);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body, String location) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        if (location != null) ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
