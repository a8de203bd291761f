package fazt.core.js;

import com.sun.management.HotSpotDiagnosticMXBean;
import fazt.core.ShippedFiles;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
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

    /** Made on first use: building a GraalJS engine takes a second or more, which start-up need not wait for. */
    private volatile Engine engine;
    private volatile Source prelude;
    private final Object building = new Object();
    private boolean preparing;

    /**
     * The engine of this process. Every instance in the process shares it (compiled code is
     * shared; contexts never are). The GraalJS engine inside is built when the first function
     * runs, or earlier by {@link #prepareInBackground()}.
     */
    public static JsEngine shared() {
        JsEngine e = shared;
        if (e != null) return e;
        synchronized (JsEngine.class) {
            if (shared == null) shared = new JsEngine();
            return shared;
        }
    }

    /**
     * Builds and warms the engine on a background thread, once, so the first request does not
     * pay for it; for callers to run once the process is up (the server listens, the window shows).
     */
    public synchronized void prepareInBackground() {
        if (preparing || engine != null) return;
        preparing = true;
        Thread.ofPlatform().daemon().name("fazt-js-warmup").start(this::ensureBuilt);
    }

    /** Builds the engine now (waiting for a build under way) unless it is built already. */
    void ensureBuilt() {
        engine();
    }

    private Engine engine() {
        Engine e = engine;
        if (e != null) return e;
        synchronized (building) {
            if (engine == null) {
                build();
                warmUp(); // the first context loads much of GraalJS: done here, not in a request's time limit
            }
            return engine;
        }
    }

    private void build() {
        Engine built = Engine.newBuilder("js")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .option("engine.WarnInterpreterOnly", "false")
                .build();
        prelude = Source.newBuilder("js", new String(ShippedFiles.read("/fazt/js/prelude.js"), StandardCharsets.UTF_8),
                "fazt-prelude.js").cached(true).buildLiteral();
        engine = built;
        String mode = built.getImplementationName();
        if (JIT.equals(mode)) {
            log.info("JavaScript engine: {} (optimizing JIT)", mode);
        } else {
            log.warn("JavaScript engine: {} — the optimizing JIT is off, functions run slower. Start the JVM with "
                    + "-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=<graal compiler jars> "
                    + "(./fazt does this)", mode);
        }
    }

    /**
     * {@code GraalVM CE} with the JIT, {@code Interpreted} without. Asking does not build the engine:
     * until it is built, the answer comes from the JVM's set-up, the same two facts Truffle checks
     * when it picks its runtime (JVMCI on, and the Graal compiler module present).
     */
    public String mode() {
        Engine e = engine;
        if (e != null) return e.getImplementationName();
        return jitConfigured() ? JIT : "Interpreted";
    }

    static boolean jitConfigured() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return "true".equals(vm.getVMOption("EnableJVMCI").getValue())
                && ModuleLayer.boot().findModule("jdk.graal.compiler").isPresent();
    }

    /** True once the GraalJS engine has been built (tests). */
    boolean built() {
        return engine != null;
    }

    Source prelude() {
        engine();
        return prelude;
    }

    Context newContext() {
        return Context.newBuilder("js")
                .engine(engine())
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
        if (engine != null) engine.close(true);
    }
}
