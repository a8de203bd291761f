package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.apps.Bundle;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pause and Resume (the desktop's status bar and tray): the port closes and opens again on the
 * same number while the engine keeps running, listeners hear each change once, and a port taken
 * meanwhile is a clear error that leaves the server paused.
 */
class ServerPauseTest {
    @Test
    void pauseClosesThePortAndResumeServesOnTheSameOne() throws Exception {
        try (TestInstance t = new TestInstance()) {
            t.fazt.apps().deploy("live", Bundle.of(Map.of("index.html", "up".getBytes(StandardCharsets.UTF_8))), null);
            int port = t.port();
            List<Boolean> heard = new ArrayList<>();
            t.server.onPauseChange(() -> heard.add(t.server.paused()));

            t.server.pause();
            t.server.pause(); // a second pause changes nothing and is not heard
            assertThat(t.server.paused()).isTrue();
            assertThat(t.port()).isEqualTo(port);
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close()).isInstanceOf(ConnectException.class);

            t.server.resume();
            t.server.resume();
            assertThat(t.server.paused()).isFalse();
            assertThat(t.port()).isEqualTo(port);
            assertThat(new String(t.get("live.localhost", "/").body(), StandardCharsets.UTF_8)).isEqualTo("up");
            assertThat(heard).containsExactly(true, false);
        }
    }

    @Test
    void resumingOnAPortTakenMeanwhileSaysSoAndStaysPaused() throws IOException {
        try (TestInstance t = new TestInstance()) {
            int port = t.port();
            List<Boolean> heard = new ArrayList<>();
            t.server.onPauseChange(() -> heard.add(t.server.paused()));
            t.server.pause();
            try (ServerSocket thief = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
                assertThatThrownBy(t.server::resume).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("cannot resume on port " + port);
                assertThat(t.server.paused()).isTrue();
            }
            t.server.resume();
            assertThat(t.server.paused()).isFalse();
            assertThat(t.get("localhost", "/").statusCode()).isEqualTo(200);
            assertThat(heard).containsExactly(true, false);
        }
    }
}
