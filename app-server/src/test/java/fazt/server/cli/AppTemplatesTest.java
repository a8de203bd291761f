package fazt.server.cli;

import static fazt.server.cli.CliTest.fazt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.identity.Users;
import fazt.server.SessionCookie;
import fazt.server.TestInstance;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shipped template, as a person starts one: {@code fazt app create}, then {@code fazt app
 * deploy} to a running instance, then its pages and functions fetched over real HTTP.
 */
class AppTemplatesTest {
    @TempDir
    Path dir;

    final TestInstance t = new TestInstance();
    final String data = t.dir.resolve("data.db").toString();

    @AfterEach
    void stop() {
        t.close();
    }

    /** Creates NAME from TEMPLATE and deploys it; returns the host it is served on. */
    String createAndDeploy(String name, String template) {
        Path folder = dir.resolve(name);
        CliTest.Run created = fazt("app", "create", name, "--template", template, folder.toString());
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).contains("created " + folder, "fazt app deploy " + folder);
        CliTest.Run deployed = fazt("app", "deploy", folder.toString(), "--data", data);
        assertThat(deployed.code()).as(deployed.err()).isZero();
        assertThat(deployed.out()).contains("deployed " + name + " version 1");
        assertThat(deployed.err()).as("a template has nothing to skip or warn about").isEmpty();
        return name + ".localhost";
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    HttpResponse<byte[]> call(String host, String method, String path, String json, String session) {
        HttpRequest.Builder b = t.request(host, path).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) b.header("Content-Type", "application/json");
        if (session != null) b.header("Cookie", SessionCookie.NAME + "=" + session);
        return t.send(b.build());
    }

    @Test
    void staticServesItsPageAndStylesheet() {
        String host = createAndDeploy("brochure", "static");
        HttpResponse<byte[]> page = t.get(host, "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(text(page)).contains("<title>brochure</title>", "href=\"style.css\"");
        HttpResponse<byte[]> css = t.get(host, "/style.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("content-type").orElse("")).startsWith("text/css");
    }

    @Test
    void spaAnswersEveryRouteWithItsPage() {
        String host = createAndDeploy("router", "spa");
        for (String route : new String[] {"/", "/about", "/items/42"}) {
            HttpResponse<byte[]> r = t.get(host, route);
            assertThat(r.statusCode()).as(route).isEqualTo(200);
            assertThat(text(r)).as(route).contains("<main id=\"view\">", "src=\"/app.js\"");
        }
        assertThat(text(t.get(host, "/app.js"))).contains("history.pushState");
        assertThat(t.get(host, "/missing.png").statusCode()).as("a file path is not a route").isEqualTo(404);
    }

    @Test
    void apiKeepsItemsAndAnswersBadInputWithErrors() {
        String host = createAndDeploy("todo", "api");
        assertThat(text(t.get(host, "/"))).contains("<h1>todo</h1>", "src=\"app.js\"");
        assertThat(TestInstance.json(call(host, "GET", "/api/items", null, null)).size()).isZero();

        HttpResponse<byte[]> created = call(host, "POST", "/api/items", "{\"title\": \"  Buy milk \"}", null);
        assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
        JsonNode item = TestInstance.json(created);
        assertThat(item.get("title").asText()).isEqualTo("Buy milk");
        assertThat(item.get("done").asBoolean()).isFalse();
        String id = item.get("id").asText();

        HttpResponse<byte[]> noTitle = call(host, "POST", "/api/items", "{}", null);
        assertThat(noTitle.statusCode()).isEqualTo(400);
        assertThat(TestInstance.json(noTitle).get("field").asText()).isEqualTo("title");
        HttpResponse<byte[]> badDone = call(host, "POST", "/api/items", "{\"title\": \"x\", \"done\": \"yes\"}", null);
        assertThat(TestInstance.json(badDone).get("error").asText()).isEqualTo("done must be true or false");
        assertThat(call(host, "POST", "/api/items", "[1]", null).statusCode()).isEqualTo(400);
        assertThat(call(host, "PUT", "/api/items/" + id, "{}", null).statusCode()).isEqualTo(400);

        JsonNode updated = TestInstance.json(call(host, "PUT", "/api/items/" + id, "{\"done\": true}", null));
        assertThat(updated.get("done").asBoolean()).isTrue();
        assertThat(TestInstance.json(call(host, "GET", "/api/items/" + id, null, null)).get("title").asText()).isEqualTo("Buy milk");
        assertThat(TestInstance.json(call(host, "GET", "/api/items", null, null)).size()).isEqualTo(1);

        assertThat(call(host, "GET", "/api/items/nope", null, null).statusCode()).isEqualTo(404);
        assertThat(call(host, "GET", "/api/elsewhere", null, null).statusCode()).isEqualTo(404);
        assertThat(call(host, "PATCH", "/api/items", "{}", null).statusCode()).isEqualTo(405);
        assertThat(call(host, "DELETE", "/api/items/" + id, null, null).statusCode()).isEqualTo(204);
        assertThat(call(host, "GET", "/api/items/" + id, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void authKeepsEachPersonsNotesAndAPrivatePage() {
        String host = createAndDeploy("journal", "auth");
        assertThat(text(t.get(host, "/"))).contains("href=\"/auth/login?app=journal\"");
        HttpResponse<byte[]> login = t.get(host, "/auth/login?app=journal&redirect=%2F");
        assertThat(login.statusCode()).as("the sign-in page is reachable").isEqualTo(200);
        assertThat(text(login)).containsIgnoringCase("sign in");
        HttpResponse<byte[]> anonymous = call(host, "GET", "/api/notes", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(TestInstance.json(anonymous).get("login").asText()).contains("/auth/login");
        assertThat(t.get(host, "/private/welcome.html").statusCode()).isEqualTo(401);

        String ann = sessionFor("ann@example.com");
        String bob = sessionFor("bob@example.com");
        assertThat(TestInstance.json(call(host, "GET", "/api/me", null, ann)).get("email").asText()).isEqualTo("ann@example.com");
        HttpResponse<byte[]> note = call(host, "POST", "/api/notes", "{\"text\": \"ann's note\"}", ann);
        assertThat(note.statusCode()).as(text(note)).isEqualTo(201);
        String id = TestInstance.json(note).get("id").asText();
        assertThat(call(host, "POST", "/api/notes", "{\"text\": \" \"}", ann).statusCode()).isEqualTo(400);

        assertThat(TestInstance.json(call(host, "GET", "/api/notes", null, ann)).findValuesAsText("text")).containsExactly("ann's note");
        assertThat(TestInstance.json(call(host, "GET", "/api/notes", null, bob)).size()).as("bob sees only his own").isZero();
        assertThat(call(host, "DELETE", "/api/notes/" + id, null, bob).statusCode()).as("nor can he delete ann's").isEqualTo(404);
        assertThat(call(host, "DELETE", "/api/notes/" + id, null, ann).statusCode()).isEqualTo(204);

        HttpResponse<byte[]> privatePage = call(host, "GET", "/private/welcome.html", null, ann);
        assertThat(privatePage.statusCode()).isEqualTo(200);
        assertThat(text(privatePage)).contains("Members only");
    }

    String sessionFor(String email) {
        Users.User u = t.fazt.users().signIn(new Users.SignIn("dev", email, email, false, email, null));
        return t.fazt.sessions().create(u.id(), false).token();
    }

    @Test
    void createRefusesUnknownTemplatesAndFoldersInUse() throws Exception {
        CliTest.Run unknown = fazt("app", "create", "x", "--template", "blog", dir.resolve("x").toString());
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("unknown template 'blog'; the templates are: static, spa, api, auth, realtime");
        assertThat(dir.resolve("x")).doesNotExist();

        Path used = Files.createDirectories(dir.resolve("used"));
        Files.writeString(used.resolve("notes.txt"), "mine");
        CliTest.Run refused = fazt("app", "create", "used", used.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("is not empty");
        assertThat(used.resolve("index.html")).doesNotExist();

        assertThat(fazt("app", "create", "x", "--list").out()).contains("static", "spa", "api", "auth", "CRUD");
        assertThat(fazt("app", "create", "Not Valid", dir.resolve("y").toString()).err()).contains("invalid name");
    }

    @Test
    void theEngineCreatesAndDeploysATemplateInOneCall() {
        var node = new fazt.core.LocalNode(t.fazt);
        assertThat(node.createFromTemplate("quick", "api").version()).isEqualTo(1);
        assertThat(call("quick.localhost", "GET", "/api/items", null, null).statusCode()).isEqualTo(200);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> node.createFromTemplate("quick", "static")))
                .hasMessageContaining("exists already");
    }
}
