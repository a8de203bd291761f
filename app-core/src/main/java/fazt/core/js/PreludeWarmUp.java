package fazt.core.js;

import java.util.Map;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Once per process, before the first requests: fazt's own one-line script goes through the whole
 * request path of a context (begin, the lazy {@code request}, respond, finish, cleanup, and the
 * Java around them) a few thousand times, so the JIT has compiled the prelude's per-request code
 * by the time real requests come. Compiled code belongs to the shared engine, so every app and
 * version profits. No app code runs (it could write data); the context used is closed after.
 */
final class PreludeWarmUp {
    /** Runs past the JIT's thresholds for compiling a function, without a wait that matters. */
    static final int RUNS = 5_000;
    /** The warm-up stops after this much wall time even if the runs are not done (a busy machine). */
    static final long MAX_MILLIS = 2_000;

    private static final Source SCRIPT = Source.newBuilder("js",
            "{respond({ warm: true, method: request.method })\n}", "fazt-warm-up.js").cached(true).buildLiteral();
    private static final FunctionRequest REQUEST = new FunctionRequest("GET", "/api", Map.of(), Map.of(), new byte[0],
            null, "127.0.0.1", "warm-up", "http://localhost/api");

    private PreludeWarmUp() {}

    /** The number of runs made: {@link #RUNS}, fewer when the time ran out. */
    static int run(AppRuntime app) {
        long end = System.nanoTime() + MAX_MILLIS * 1_000_000;
        int runs = 0;
        try (JsContext ctx = app.newContext()) {
            while (runs < RUNS && System.nanoTime() - end < 0) {
                Value[] out = ctx.run(new Invocation(app, REQUEST, null), SCRIPT);
                if (out[0].asInt() != 200 || out[2].asString().isEmpty()) throw new IllegalStateException("the warm-up script failed");
                runs++;
            }
        }
        return runs;
    }
}
