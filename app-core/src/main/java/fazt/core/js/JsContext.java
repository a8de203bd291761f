package fazt.core.js;

import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * A context of one app version with the prelude installed. It runs one request at a time and is
 * reused for the next (SPEC §4.1) until it has served its share, was cancelled, or an engine
 * error makes its state doubtful.
 */
final class JsContext implements AutoCloseable {
    private final Context context;
    private final HostApi host;
    private final Value begin;
    private final Value finish;
    private final Value signal;
    private final Value isThenable;
    private final Value awaitPromise;
    private final Value settled;
    private final Value cleanup;
    private int uses;
    /** The main script parsed in this context once, run by each request (no source lookup per request). */
    private Source parsedSource;
    private Value parsedMain;
    private volatile boolean spoiled;

    JsContext(JsEngine engine, AppRuntime app) {
        context = engine.newContext();
        host = new HostApi(app, () -> context);
        Value fns = context.eval(engine.prelude()).execute(host);
        begin = fns.getMember("begin");
        finish = fns.getMember("finish");
        signal = fns.getMember("signal");
        isThenable = fns.getMember("isThenable");
        awaitPromise = fns.getMember("awaitPromise");
        settled = fns.getMember("settled");
        cleanup = fns.getMember("cleanup");
    }

    Context context() {
        return context;
    }

    int uses() {
        return uses;
    }

    boolean spoiled() {
        return spoiled;
    }

    /** Marks the context as not reusable (after a timeout or an engine error). */
    void spoil() {
        spoiled = true;
    }

    /** Stops whatever runs in it, from another thread; it cannot be used again. */
    void cancel() {
        spoiled = true;
        context.close(true);
    }

    /**
     * Runs the script for one request. Throws {@link PolyglotException} for errors in app code
     * (the caller turns them into responses) (a request the prelude refused
     * carries a status that {@link #signalOf} reads).
     */
    Value[] run(Invocation inv, Source main) {
        uses++;
        host.bind(inv);
        try {
            FunctionRequest r = inv.request();
            String body = r.body() == null || r.body().length == 0 ? null : new String(r.body(), StandardCharsets.UTF_8);
            begin.execute(body, r.contentType());
            Value value = parsed(main).execute();
            if (isThenable.execute(value).asBoolean()) {
                awaitPromise.execute(value);
                value = settled.execute();
            }
            Value out = finish.execute(value);
            return new Value[] {out.getArrayElement(0), out.getArrayElement(1), out.getArrayElement(2), out.getArrayElement(3)};
        } finally {
            if (!spoiled) {
                try {
                    cleanup.execute();
                } catch (PolyglotException e) {
                    spoiled = true;
                }
            }
            host.bind(null);
        }
    }

    private Value parsed(Source main) {
        if (main != parsedSource) {
            parsedMain = context.parse(main);
            parsedSource = main;
        }
        return parsedMain;
    }

    /** What an error thrown by app code asks for (login redirect, 403, 400), or null for a plain error. */
    Value[] signalOf(PolyglotException e) {
        if (!e.isGuestException() || spoiled) return null;
        Value s = signal.execute(e.getGuestObject());
        if (s.isNull()) return null;
        return new Value[] {s.getArrayElement(0), s.getArrayElement(1), s.getArrayElement(2)};
    }

    @Override
    public void close() {
        try {
            context.close(true);
        } catch (RuntimeException e) {
            // already closed or cancelled
        }
    }
}
