package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.identity.Users;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /private/*} over HTTP (SPEC §3.5) and {@code fazt.auth} with real sessions (SPEC §6.4). */
class PrivateFilesTest {
    TestInstance t;

    @BeforeEach
    void start() {
        t = new TestInstance();
    }

    @AfterEach
    void stop() {
        t.close();
    }

    void deploy(String name, String manifest) {
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("manifest.json", manifest);
        files.put("index.html", "<h1>public</h1>");
        files.put("private/report.txt", "0123456789 secret report");
        files.put("private/data/config.json", "{\"k\":1}");
        files.put("api/main.js", """
                var who = fazt.auth.getUser();
                if (request.path === '/api/admin') { fazt.auth.requireRole('admin'); respond({ok: true}); }
                else if (request.path === '/api/login') { fazt.auth.requireLogin(); respond({ok: true}); }
                else respond({user: who, owner: fazt.auth.isOwner(), admin: fazt.auth.isAdmin()});
                """);
        assertThat(t.deploy(name, TestInstance.zip(files)).statusCode()).isEqualTo(200);
    }

    String sessionFor(String role) {
        Users.User u = t.fazt.users().signIn(new Users.SignIn("dev", role + "-person", role + "@example.com", true, role, null));
        if (!role.equals("user")) t.fazt.users().setRole(u.id(), role);
        return "fazt_session=" + t.fazt.sessions().create(u.id(), false).token();
    }

    String ownerSession() {
        t.fazt.owner().setCredentials("owner", "long enough password");
        return "fazt_session=" + t.fazt.sessions().create(null, false).token();
    }

    HttpResponse<byte[]> get(String host, String path, String cookie, String... headers) {
        var b = t.request(host, path);
        if (cookie != null) b.header("Cookie", cookie);
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return t.send(b.GET().build());
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void anyoneSignedInMayReadWhenTheManifestNamesNoRoles() {
        deploy("docs", "{\"name\":\"docs\"}");
        HttpResponse<byte[]> anonymous = get("docs.localhost", "/private/report.txt", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(text(anonymous)).contains("/auth/login?redirect=").doesNotContain("secret");
        assertThat(get("docs.localhost", "/private/missing.txt", null).statusCode()).isEqualTo(401);
        assertThat(get("docs.localhost", "/private/report.txt", "fazt_session=fzs_forged").statusCode()).isEqualTo(401);

        String user = sessionFor("user");
        HttpResponse<byte[]> ok = get("docs.localhost", "/private/report.txt", user);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(text(ok)).isEqualTo("0123456789 secret report");
        assertThat(ok.headers().firstValue("cache-control")).hasValue("private, no-store");
        assertThat(get("docs.localhost", "/private/data/config.json", user).statusCode()).isEqualTo(200);
        assertThat(get("docs.localhost", "/private/missing.txt", user).statusCode()).isEqualTo(404);
    }

    @Test
    void privateFilesAreStreamedWithRange() {
        deploy("docs", "{\"name\":\"docs\"}");
        HttpResponse<byte[]> part = get("docs.localhost", "/private/report.txt", sessionFor("user"), "Range", "bytes=2-5");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(text(part)).isEqualTo("2345");
        assertThat(part.headers().firstValue("content-range")).hasValue("bytes 2-5/24");
    }

    @Test
    void theManifestsRolesNarrowWhoMayRead() {
        deploy("hr", "{\"name\":\"hr\",\"private\":{\"roles\":[\"admin\"]}}");
        HttpResponse<byte[]> user = get("hr.localhost", "/private/report.txt", sessionFor("user"));
        assertThat(user.statusCode()).isEqualTo(403);
        assertThat(text(user)).doesNotContain("secret");
        assertThat(get("hr.localhost", "/private/report.txt", sessionFor("admin")).statusCode()).isEqualTo(200);
        assertThat(get("hr.localhost", "/private/report.txt", ownerSession()).statusCode()).isEqualTo(200);
    }

    @Test
    void traversalAndWritesAreRefused() {
        deploy("docs", "{\"name\":\"docs\"}");
        String user = sessionFor("user");
        assertThat(get("docs.localhost", "/private/%2e%2e/manifest.json", user).statusCode()).isIn(400, 404);
        assertThat(get("docs.localhost", "/private/..%2fmanifest.json", user).statusCode()).isIn(400, 404);
        var post = t.send(t.request("docs.localhost", "/private/report.txt").header("Cookie", user)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x")).build());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(get("docs.localhost", "/private", user).statusCode()).isEqualTo(404);
    }

    @Test
    void functionsSeeTheSignedInUserAndEnforceRoles() throws Exception {
        deploy("app", "{\"name\":\"app\"}");
        String body = text(get("app.localhost", "/api/who", null));
        assertThat(body).contains("\"user\":null");
        HttpResponse<byte[]> login = get("app.localhost", "/api/login", null);
        assertThat(login.statusCode()).isEqualTo(307);
        assertThat(login.headers().firstValue("location").orElseThrow()).startsWith("/auth/login?redirect=").contains("app=app");

        String user = sessionFor("user");
        assertThat(text(get("app.localhost", "/api/who", user))).contains("\"role\":\"user\"", "\"email\":\"user@example.com\"",
                "\"admin\":false");
        HttpResponse<byte[]> denied = get("app.localhost", "/api/admin", user);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(text(denied)).contains("forbidden");
        assertThat(get("app.localhost", "/api/admin", sessionFor("admin")).statusCode()).isEqualTo(200);

        String owner = ownerSession();
        assertThat(text(get("app.localhost", "/api/who", owner))).contains("\"role\":\"owner\"", "\"owner\":true");
        assertThat(get("app.localhost", "/api/admin", owner).statusCode()).isEqualTo(200);
    }

    @Test
    void functionsNeverSeeNorSetFaztsOwnCookies() {
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("index.html", "spy");
        files.put("api/main.js", """
                respond(200, {cookie: request.headers.cookie || null, user: fazt.auth.getUser()},
                        {"Set-Cookie": request.query.c});
                """);
        assertThat(t.deploy("spy", TestInstance.zip(files)).statusCode()).isEqualTo(200);
        String session = sessionFor("user");
        HttpResponse<byte[]> r = get("spy.localhost", "/api/x?c=fazt_session%3Dfzs_planted%3B%20Domain%3D.localhost", null,
                "Cookie", session + "; theme=dark; fazt_oauth=abc");
        assertThat(text(r)).contains("\"cookie\":\"theme=dark\"").doesNotContain("fzs_").contains("\"role\":\"user\"");
        assertThat(r.headers().allValues("set-cookie")).as("a function cannot set fazt's session cookie").isEmpty();
        HttpResponse<byte[]> own = get("spy.localhost", "/api/x?c=theme%3Dlight", session);
        assertThat(own.headers().firstValue("set-cookie")).hasValue("theme=light");
        assertThat(text(own)).contains("\"cookie\":null");
    }

    @Test
    void aDeletedUsersSessionDiesAtOnce() {
        deploy("docs", "{\"name\":\"docs\"}");
        Users.User u = t.fazt.users().signIn(new Users.SignIn("dev", "gone", "gone@example.com", true, "Gone", null));
        String cookie = "fazt_session=" + t.fazt.sessions().create(u.id(), true).token();
        assertThat(get("docs.localhost", "/private/report.txt", cookie).statusCode()).isEqualTo(200);
        t.fazt.users().delete(u.id());
        assertThat(get("docs.localhost", "/private/report.txt", cookie).statusCode()).isEqualTo(401);
    }
}
