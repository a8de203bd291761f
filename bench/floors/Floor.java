import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.SandboxPolicy;

/**
 * The floors under fazt's figures (bench/floors.sh): what the JVM and the libraries fazt is built
 * on cost before fazt adds anything. Each mode prints one "ready ..." line, then idles until killed.
 *   idle               an empty JVM
 *   js                 a GraalJS engine built as fazt builds it, one context run
 *   jetty PORT FILE    Jetty set up as FaztServer sets it up, answering every request with FILE's
 *                      bytes from memory (no routing, no lookups, no headers beyond the type)
 *   fx                 an empty JavaFX window; "ready" when it is first shown
 */
public final class Floor {
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "idle" -> ready("idle");
            case "js" -> js();
            case "jetty" -> jetty(Integer.parseInt(args[1]), Path.of(args[2]));
            case "fx" -> Application.launch(Window.class);
            default -> throw new IllegalArgumentException("modes: idle, js, jetty PORT FILE, fx");
        }
        new CountDownLatch(1).await();
    }

    static void ready(String what) {
        System.out.println("ready " + what + " " + ManagementFactory.getRuntimeMXBean().getUptime() + " ms after the JVM started");
        System.out.flush();
    }

    static void js() {
        Engine engine = Engine.newBuilder("js").sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream()).err(OutputStream.nullOutputStream())
                .option("engine.WarnInterpreterOnly", "false").build();
        try (Context c = Context.newBuilder("js").engine(engine).sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream()).err(OutputStream.nullOutputStream()).build()) {
            c.eval("js", "JSON.stringify([1,2,3].map(x => ({x})))");
        }
        ready("js " + engine.getImplementationName());
    }

    static void jetty(int port, Path file) throws Exception {
        ByteBuffer body = ByteBuffer.allocateDirect((int) Files.size(file)).put(Files.readAllBytes(file)).flip();
        VirtualThreadPool threads = new VirtualThreadPool();
        threads.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("floor-http").factory()));
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.remaining());
                response.write(true, body.slice(), callback);
                return true;
            }
        });
        server.start();
        ready("jetty on port " + connector.getLocalPort());
    }

    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            stage.setScene(new Scene(new Label("floor"), 900, 600));
            stage.setOnShown(e -> Platform.runLater(() -> ready("fx window shown")));
            stage.show();
        }
    }
}
