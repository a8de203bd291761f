package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.Json;
import fazt.core.tls.TestCertificates;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wss://} on an app host with a certificate: the Origin a page served over HTTPS sends is its own. */
class RealtimeOverHttpsTest {
    @TempDir
    Path caDir;
    @TempDir
    Path dir;

    @Test
    void aPageServedOverHttpsConnectsWithWss() {
        TestCertificates ca = new TestCertificates(caDir);
        try (TestInstance t = new TestInstance(dir, Map.of("domain", "fazt.test", "https", "manual", "https_port", "0"))) {
            assertThat(t.deploy("chat", TestInstance.zip(Map.of("index.html", "chat"))).statusCode()).isEqualTo(200);
            TestCertificates.Pem pem = ca.issue("chat.fazt.test");
            byte[] cert = Json.MAPPER.createObjectNode().put("cert", pem.chain()).put("key", pem.key()).toString()
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(t.api("PUT", "/api/certs", t.adminToken(), cert, "application/json").statusCode()).isEqualTo(200);
            SSLParameters sni = new SSLParameters();
            sni.setServerNames(List.of(new SNIHostName("chat.fazt.test")));
            HttpClient https = HttpClient.newBuilder().sslContext(PinnedNameTrust.context(ca.ca(), "chat.fazt.test"))
                    .sslParameters(sni).connectTimeout(Duration.ofSeconds(10)).build();
            int port = t.server.httpsPort();
            String host = "chat.fazt.test";

            RealtimeTestClient c = RealtimeTestClient.open(https, "wss", port, host, "https://" + host + ":" + port, null);
            assertThat(c.subscribe("room").get("type").asText()).isEqualTo("subscribed");
            String appId = t.fazt.apps().get("chat").id();
            assertThat(t.fazt.realtime().hub(appId).broadcast("room", "{\"over\":\"tls\"}")).isEqualTo(1);
            assertThat(c.next().get("data").get("over").asText()).isEqualTo("tls");
            assertThatThrownBy(() -> RealtimeTestClient.open(https, "wss", port, host, "http://" + host + ":" + port, null))
                    .isInstanceOfSatisfying(RealtimeTestClient.Refused.class, r -> assertThat(r.status).isEqualTo(403));
            c.close();
        }
    }
}
