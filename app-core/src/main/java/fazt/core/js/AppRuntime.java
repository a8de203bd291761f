package fazt.core.js;

import fazt.core.apps.ServedFile;
import fazt.core.apps.VersionIndex;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;

/**
 * Everything the runtime keeps for one app version: its parsed sources and a pool of contexts.
 * Contexts belong to this version only; nothing here is ever shared with another app.
 */
final class AppRuntime implements AutoCloseable {
    static final String MAIN = ScriptWrappers.MAIN;

    private final JsEngine engine;
    private final VersionIndex index;
    private final AppServices services;
    private final BlockingQueue<JsContext> idle;
    private final boolean fresh;
    private final int maxUses;
    private final Map<String, Source> modules = new ConcurrentHashMap<>();
    private volatile Source main;
    private volatile String mainError;
    private volatile boolean closed;

    AppRuntime(JsEngine engine, VersionIndex index, AppServices services, FunctionLimits limits) {
        engine.ensureBuilt(); // here, before any function's time limit starts counting
        this.engine = engine;
        this.index = index;
        this.services = services;
        this.idle = new ArrayBlockingQueue<>(Math.max(1, limits.concurrency()));
        this.fresh = "fresh".equals(index.manifest().path("isolation").asText(""));
        this.maxUses = limits.contextMaxUses();
    }

    String appId() {
        return index.appId();
    }

    String name() {
        return index.appName();
    }

    int version() {
        return index.version();
    }

    VersionIndex index() {
        return index;
    }

    AppServices services() {
        return services;
    }

    boolean hasMain() {
        return index.file(MAIN) != null;
    }

    /** A pooled context (or a new one, for {@code "isolation": "fresh"} apps and when the pool is empty). */
    JsContext acquire() {
        JsContext c = fresh ? null : idle.poll();
        return c != null ? c : new JsContext(engine, this);
    }

    /** A new context of this version, outside the pool. */
    JsContext newContext() {
        return new JsContext(engine, this);
    }

    int idleCount() {
        return idle.size();
    }

    /** Returns a context after a request; spoiled, worn-out or surplus contexts are closed. */
    void release(JsContext c) {
        if (closed || fresh || c.spoiled() || c.uses() >= maxUses || !idle.offer(c)) c.close();
    }

    /**
     * The main script, wrapped so its last expression is the response: as a block, or — when it
     * uses a top-level {@code return} — as a function body. The wrapper starts on line 1, so line
     * numbers in errors match the file. A script neither form parses reports its syntax error.
     */
    Source main(Context context) {
        Source s = main;
        if (s != null) return s;
        synchronized (this) {
            if (main != null) return main;
            String code = text(index.file(MAIN));
            Source block = ScriptWrappers.mainAsBlock(code);
            try {
                context.parse(block);
                main = block;
            } catch (PolyglotException blockError) {
                if (!blockError.isSyntaxError()) throw blockError;
                Source function = ScriptWrappers.mainAsFunction(code);
                try {
                    context.parse(function);
                    main = function;
                } catch (PolyglotException e) {
                    mainError = ScriptErrors.describe(blockError);
                    throw blockError;
                }
            }
            return main;
        }
    }

    /** The syntax error of main.js once known, so later requests do not parse it again. */
    String mainError() {
        return mainError;
    }

    /** {@code api/<path>} as a CommonJS wrapper function, or null when there is no such file. */
    Source moduleSource(String path) {
        ServedFile f = index.file("api/" + path);
        if (f == null) return null;
        return modules.computeIfAbsent(path, p -> ScriptWrappers.module(p, text(f)));
    }

    List<String> privatePaths() {
        return index.files().keySet().stream().filter(p -> p.startsWith("private/")).map(p -> p.substring(8)).sorted().toList();
    }

    private String text(ServedFile f) {
        return services.contents().get(f.hash(), f.size()).map(c -> new String(c.raw(), StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalStateException("the stored bytes of " + f.path() + " are missing"));
    }

    @Override
    public void close() {
        closed = true;
        JsContext c;
        while ((c = idle.poll()) != null) c.close();
    }
}
