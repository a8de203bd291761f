package fazt.core.js;

import fazt.core.ShippedFiles;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.IOAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one shared GraalJS engine: compiled code is shared by every context made from it. Contexts
 * are sandboxed: only methods marked {@code @HostAccess.Export} are visible, no Java classes, no
 * file system, no threads, no native code, no process environment.
 */
public final class JsEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JsEngine.class);
    /** What {@link Engine#getImplementationName()} says when the optimizing JIT is on. */
    public static final String JIT = "GraalVM CE";

    private static volatile JsEngine shared;

    private final Engine engine;
    private final Source prelude;

    /**
     * The engine of this process, made on first use and warmed on a background thread. Every
     * instance in the process shares it (compiled code is shared; contexts never are).
     */
    public static JsEngine shared() {
        JsEngine e = shared;
        if (e != null) return e;
        synchronized (JsEngine.class) {
            if (shared == null) {
                shared = new JsEngine();
                Thread.ofPlatform().daemon().name("fazt-js-warmup").start(shared::warmUp);
            }
            return shared;
        }
    }

    public JsEngine() {
        engine = Engine.newBuilder("js")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .option("engine.WarnInterpreterOnly", "false")
                .build();
        prelude = Source.newBuilder("js", new String(ShippedFiles.read("/fazt/js/prelude.js"), StandardCharsets.UTF_8),
                "fazt-prelude.js").cached(true).buildLiteral();
        if (JIT.equals(mode())) {
            log.info("JavaScript engine: {} (optimizing JIT)", mode());
        } else {
            log.warn("JavaScript engine: {} — the optimizing JIT is off, functions run slower. Start the JVM with "
                    + "-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=<graal compiler jars> "
                    + "(./fazt does this)", mode());
        }
    }

    /** {@code GraalVM CE} with the JIT, {@code Interpreted} without. */
    public String mode() {
        return engine.getImplementationName();
    }

    Source prelude() {
        return prelude;
    }

    Context newContext() {
        return Context.newBuilder("js")
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .allowHostAccess(HostAccess.CONSTRAINED)
                .allowHostClassLookup(name -> false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowNativeAccess(false)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build();
    }

    /** Compiles and runs a little code once, so the first real request does not pay for it. */
    public void warmUp() {
        try (Context c = newContext()) {
            c.eval("js", "JSON.stringify([1,2,3].map(x => ({x})))");
        }
    }

    @Override
    public void close() {
        engine.close(true);
    }
}
