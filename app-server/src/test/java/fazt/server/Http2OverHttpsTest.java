package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.core.Json;
import fazt.core.tls.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 over HTTPS, as browsers speak it: the host travels in the {@code :authority}
 * pseudo-header, with no Host header, and fazt still routes by it. A real FaztServer and Jetty's
 * HTTP/2 client, which connects to 127.0.0.1 and names the host in SNI and {@code :authority}.
 */
class Http2OverHttpsTest {
    @TempDir
    Path caDir;

    @TempDir
    Path dir;

    record Answer(int status, String body) {}

    /** GET {@code https://host:port/path} over HTTP/2, connecting to 127.0.0.1. */
    private static Answer get(TestCertificates ca, String host, int port, String path) throws Exception {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setSslContext(ca.clientContext());
        HTTP2Client client = new HTTP2Client();
        client.addBean(tls);
        client.start();
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}), port);
            // the address carries the host name without a lookup: TLS names it in SNI, and checks the certificate against it
            Session session = client.connect(tls, address, new Session.Listener() {}).get(10, TimeUnit.SECONDS);

            MetaData.Request request = new MetaData.Request("GET", HttpURI.from("https://" + host + ":" + port + path), HttpVersion.HTTP_2,
                    HttpFields.EMPTY);
            CompletableFuture<Answer> answer = new CompletableFuture<>();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int[] status = {0};
            session.newStream(new HeadersFrame(request, null, true), new Stream.Listener() {
                @Override
                public void onHeaders(Stream stream, HeadersFrame frame) {
                    if (frame.getMetaData() instanceof MetaData.Response response) status[0] = response.getStatus();
                    if (frame.isEndStream()) answer.complete(new Answer(status[0], ""));
                    else stream.demand();
                }

                @Override
                public void onDataAvailable(Stream stream) {
                    Stream.Data data = stream.readData();
                    if (data == null) {
                        stream.demand();
                        return;
                    }
                    ByteBuffer bytes = data.frame().getByteBuffer();
                    byte[] chunk = new byte[bytes.remaining()];
                    bytes.get(chunk);
                    body.writeBytes(chunk);
                    data.release();
                    if (data.frame().isEndStream()) answer.complete(new Answer(status[0], body.toString(StandardCharsets.UTF_8)));
                    else stream.demand();
                }

                @Override
                public void onFailure(Stream stream, int error, String reason, Throwable failure, Callback callback) {
                    answer.completeExceptionally(failure);
                    callback.succeeded();
                }
            }).get(10, TimeUnit.SECONDS);
            return answer.get(10, TimeUnit.SECONDS);
        } finally {
            client.stop();
        }
    }

    @Test
    void appsAndTheAdminAreRoutedByTheAuthorityOfAnHttp2Request() throws Exception {
        TestCertificates ca = new TestCertificates(caDir);
        TestCertificates.Pem pem = ca.issue("blog.fazt.test", "nosuch.fazt.test", "admin.fazt.test");
        try (TestInstance t = new TestInstance(dir, Map.of("domain", "fazt.test", "https", "manual", "https_port", "0"))) {
            assertThat(t.deploy("blog", TestInstance.zip(Map.of("index.html", "hello over h2"))).statusCode()).isEqualTo(200);
            byte[] cert = Json.MAPPER.createObjectNode().put("cert", pem.chain()).put("key", pem.key()).toString()
                    .getBytes(StandardCharsets.UTF_8);
            HttpResponse<byte[]> put = t.api("PUT", "/api/certs", t.adminToken(), cert, "application/json");
            assertThat(put.statusCode()).isEqualTo(200);
            int port = t.server.httpsPort();

            assertThat(get(ca, "blog.fazt.test", port, "/")).isEqualTo(new Answer(200, "hello over h2"));
            assertThat(get(ca, "nosuch.fazt.test", port, "/").status()).as("a name that is no app").isEqualTo(404);
            Answer health = get(ca, "admin.fazt.test", port, "/api/system/health");
            assertThat(health.status()).as("the admin API asks for a key: it was reached").isEqualTo(401);
        }
    }
}
