package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.core.Json;
import fazt.core.db.DataFileQueries;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a user or attacker can send (issue 2, "Bad input"): every case gets a clear 4xx and
 * nothing is written. The instance runs with small limits so the bombs stay small.
 */
class BadInputTest {
    static TestInstance t;

    @BeforeAll
    static void start() {
        t = new TestInstance(Map.of("max_upload_bytes", String.valueOf(2 * 1024 * 1024),
                "max_expanded_bytes", String.valueOf(8 * 1024 * 1024), "max_files", "50"));
        assertThat(t.deploy("good", TestInstance.zip(Map.of("index.html", "good v1"))).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    static String error(HttpResponse<byte[]> r) {
        try {
            JsonNode n = Json.MAPPER.readTree(r.body());
            return n.get("error").get("code").asText() + ": " + n.get("error").get("message").asText();
        } catch (IOException | NullPointerException e) {
            return "not an error envelope: " + new String(r.body(), StandardCharsets.UTF_8);
        }
    }

    /** A deploy that must be refused with {@code status} and leave data.db exactly as it was. */
    static String refused(String name, byte[] zip, int status) {
        long before = rows();
        HttpResponse<byte[]> r = t.deploy(name, zip);
        assertThat(r.statusCode()).as(error(r)).isEqualTo(status);
        assertThat(rows()).as("rows written by a refused deploy").isEqualTo(before);
        assertThat(new String(t.get("good.localhost", "/").body())).isEqualTo("good v1");
        return error(r);
    }

    static long rows() {
        return DataFileQueries.of(t.fazt.database()).number("SELECT (SELECT COUNT(*) FROM apps) + (SELECT COUNT(*) FROM versions)"
                + " + (SELECT COUNT(*) FROM version_files) + (SELECT COUNT(*) FROM blobs) + (SELECT COUNT(*) FROM aliases)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.html", "x/../../evil.html", "/abs.html", "C:/win.html", "a\\b.html"})
    void traversalEntriesAreRefused(String entry) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index.html", "ok");
        m.put(entry, "bad");
        assertThat(refused("evil", TestInstance.zip(m), 400)).startsWith("INVALID_BUNDLE").contains("entry");
    }

    @Test
    void nulInAnEntryNameIsRefused() {
        byte[] zip = TestInstance.zip(Map.of("index.html", "ok", "aZb.html", "bad"));
        byte[] nul = new String(zip, StandardCharsets.ISO_8859_1).replace("aZb.html", "a\0b.html").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(refused("evil", nul, 400)).contains("NUL");
    }

    @Test
    void duplicateEntriesAreRefused() {
        byte[] zip = TestInstance.zip(Map.of("index.html", "one", "indeX.html", "two"));
        byte[] dup = new String(zip, StandardCharsets.ISO_8859_1).replace("indeX.html", "index.html").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(refused("dup", dup, 400)).contains("duplicate entry");
    }

    @Test
    void zipBombsAreRefused() {
        assertThat(refused("bomb", TestInstance.zip(Map.of("zeros.bin", new byte[4 * 1024 * 1024])), 400)).contains("zip bombs");
        byte[] random = new byte[1024 * 1024];
        new Random(7).nextBytes(random);
        byte[] text = "abcdefghij".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        Map<String, Object> big = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) big.put("t" + i + ".txt", text);
        big.put("r.bin", random);
        assertThat(refused("big", TestInstance.zip(big), 413)).contains("expands past the limit");
    }

    @Test
    void tooManyFilesAndTooLargeUploadsAreRefused() {
        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i < 51; i++) many.put("f" + i + ".txt", "x");
        assertThat(refused("many", TestInstance.zip(many), 400)).contains("too many files");
        byte[] random = new byte[3 * 1024 * 1024];
        new Random(8).nextBytes(random);
        assertThat(refused("huge", TestInstance.zip(Map.of("r.bin", random)), 413)).contains("larger than the limit");
    }

    @Test
    void truncatedNonZipAndEmptyBodiesAreRefused() {
        byte[] zip = TestInstance.zip(Map.of("index.html", "hello ".repeat(2000)));
        assertThat(refused("cut", Arrays.copyOf(zip, zip.length - 30), 400)).contains("zip");
        assertThat(refused("text", "this is not a zip".getBytes(), 400)).contains("not a zip");
        assertThat(refused("empty", new byte[0], 400)).contains("empty");
        HttpResponse<byte[]> noFile = t.api("POST", "/api/deploy", t.adminToken(),
                "--b\r\nContent-Disposition: form-data; name=\"site_name\"\r\n\r\nx\r\n--b--\r\n".getBytes(), "multipart/form-data; boundary=b");
        assertThat(noFile.statusCode()).isEqualTo(400);
        assertThat(error(noFile)).contains("'file'");
        HttpResponse<byte[]> broken = t.api("POST", "/api/deploy", t.adminToken(), "--b\r\ngarbage".getBytes(), "multipart/form-data; boundary=b");
        assertThat(broken.statusCode()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "api", "www", "localhost", "Bad_Name", "-x", "a..b"})
    void reservedAndInvalidNamesAreRefused(String name) {
        assertThat(refused(name, TestInstance.zip(Map.of("index.html", "x")), 400)).containsAnyOf("RESERVED_NAME", "INVALID_NAME");
    }

    @Test
    void deployWithoutAnyNameIsRefused() {
        HttpResponse<byte[]> r = t.api("POST", "/api/deploy", t.adminToken(), TestInstance.zip(Map.of("index.html", "x")), "application/zip");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("no app name");
    }

    @Test
    void aRefusedRequestWithABodyClosesItsConnectionSoTheClientDoesNotReuseIt() {
        // no Connection: close from the client: the server must say it and close, or this read waits out its timeout
        String refused = t.raw("PUT /api/system/config HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 12\r\n\r\n{\"port\":\"1\"}");
        assertThat(refused).startsWith("HTTP/1.1 401").containsIgnoringCase("Connection: close");
        String answered = t.raw("GET /api/auth/status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(answered).startsWith("HTTP/1.1 200");
    }

    @Test
    void oddHostHeaders() {
        assertThat(t.raw("GET / HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 4");
        assertThat(t.raw("GET / HTTP/1.1\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(t.raw("GET / HTTP/1.1\r\nHost: [::1]:80\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
        assertThat(t.raw("GET / HTTP/1.1\r\nHost: [fe80::1]\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 404");
        assertThat(t.raw("GET / HTTP/1.1\r\nHost: :8080\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 4");
        String longHost = "a".repeat(10 * 1024) + ".localhost";
        assertThat(t.raw("GET / HTTP/1.1\r\nHost: " + longHost + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 431");
        assertThat(t.raw("GET / HTTP/1.1\r\nHost: " + "a".repeat(300) + ".localhost\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 404");
        assertThat(t.get("localhost", "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void oversizedHeadersGet431() {
        String big = "x".repeat(16 * 1024);
        assertThat(t.raw("GET / HTTP/1.1\r\nHost: good.localhost\r\nX-Big: " + big + "\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 431");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%2e%2e/%2e%2e/etc/passwd", "/api%2fmain.js", "/private%2fnotes.txt", "/%2e%2e%2fapi/main.js",
            "/static/..%2f..%2fapi/main.js", "/..;/api/main.js", "/%2Fapi/main.js", "/a/%2e%2e/api/main.js"})
    void encodedTraversalNeverReachesServerOnlyFiles(String path) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index.html", "home");
        m.put("api/main.js", "SECRET-CODE");
        m.put("private/notes.txt", "SECRET-NOTES");
        t.deploy("trav", TestInstance.zip(m));
        String response = t.raw("GET " + path + " HTTP/1.1\r\nHost: trav.localhost\r\nConnection: close\r\n\r\n");
        assertThat(response).matches("(?s)HTTP/1.1 (400|404).*");
        assertThat(response).doesNotContain("SECRET");
    }
}
