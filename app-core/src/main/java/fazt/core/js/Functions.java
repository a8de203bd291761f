package fazt.core.js;

import fazt.core.Json;
import fazt.core.apps.VersionIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code api/main.js} for requests (SPEC §4). Scripts run on a bounded pool of platform
 * threads (deep recursion needs a real stack); past the pool and its queue a request gets 503.
 * A watchdog cancels a run at the wall-time limit (504), and {@link HeapGuard} cancels runs when
 * the heap runs low, so one app's runaway code never takes the instance down.
 */
public final class Functions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Functions.class);
    private static final Pattern HEADER_NAME = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$");
    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection", "keep-alive",
            "upgrade", "trailer", "te");
    private static final long THREAD_STACK = 16L * 1024 * 1024;

    private final JsEngine engine;
    private final AppServices services;
    private final Supplier<FunctionLimits> limits;
    private final Map<String, AppRuntime> runtimes = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor pool;
    private final CallWatchdog calls = new CallWatchdog();
    private final HeapGuard heapGuard;
    private final ThreadPoolExecutor preparer;
    private final AtomicBoolean preludeWarmedUp = new AtomicBoolean();

    public Functions(JsEngine engine, AppServices services, Supplier<FunctionLimits> limits) {
        this.engine = engine;
        this.services = services;
        this.limits = limits;
        FunctionLimits l = limits.get();
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(l.concurrency(), l.concurrency(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(Math.max(1, l.queue())),
                r -> {
                    Thread t = new Thread(null, r, "fazt-js-" + n.incrementAndGet(), THREAD_STACK);
                    t.setDaemon(true);
                    return t;
                });
        heapGuard = new HeapGuard(this::cancelAllForMemory);
        preparer = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(16),
                r -> Thread.ofPlatform().daemon().name("fazt-js-prepare").unstarted(r));
        preparer.allowCoreThreadTimeOut(true); // no thread kept while nothing is deployed
    }

    /** The limits as the settings say now (worked out again only after a settings change). */
    public FunctionLimits limits() {
        return limits.get();
    }

    /** The engine's mode for health and the status bar: {@code GraalVM CE} (JIT) or {@code Interpreted}. */
    public String engineMode() {
        return engine.mode();
    }

    /**
     * Runs the active version's {@code api/main.js} for one request and waits for its answer.
     * {@code userJson} is the signed-in user as JSON, or null. Never throws for anything app code does.
     */
    public FunctionResponse invoke(VersionIndex index, FunctionRequest request, String userJson) {
        CompletableFuture<FunctionResponse> answer = new CompletableFuture<>();
        invoke(index, request, userJson, answer::complete);
        try {
            return answer.get(); // the watchdog answers every call, at the latest a little after its time limit
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(503, "interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Runs the active version's {@code api/main.js} for one request without waiting: {@code reply}
     * gets the answer once, on the worker that ran the script (or on the watchdog's thread for a
     * 504 past the limit, or at once on this thread for a 404 or a 503 past the queue).
     * {@code userJson} is the signed-in user as JSON, or null.
     */
    public void invoke(VersionIndex index, FunctionRequest request, String userJson, Consumer<FunctionResponse> reply) {
        AppRuntime app = runtimeFor(index);
        if (!app.hasMain()) {
            reply.accept(error(404, "no serverless handler"));
            return;
        }
        FunctionLimits l = limits.get();
        PendingCall call = calls.open(l.timeoutMs(), reply);
        try {
            pool.execute(() -> runGuarded(app, request, userJson, l, call));
        } catch (RejectedExecutionException e) {
            calls.remove(call);
            reply.accept(new FunctionResponse(503, Map.of("Retry-After", "1"),
                    "{\"error\":\"too many functions running; try again\"}".getBytes(StandardCharsets.UTF_8), "application/json"));
        }
    }

    private void runGuarded(AppRuntime app, FunctionRequest request, String userJson, FunctionLimits l, PendingCall call) {
        try {
            if (call.answered()) return; // it waited in the queue past its limit and got 504
            call.answer(run(app, request, userJson, l, call));
        } catch (RuntimeException | Error e) {
            log.error("function of {} failed in fazt", app.name(), e);
            call.answer(error(500, "internal error in fazt (request " + request.requestId() + ")"));
        } finally {
            calls.remove(call);
        }
    }

    /**
     * Gets the version that {@code active} names ready off the request path, after a deploy or a
     * rollback: its runtime, one context with the prelude run and {@code api/main.js} parsed, so
     * the first requests do not pay for them. App code does not run here (it could write data).
     */
    public void prepare(Supplier<Optional<VersionIndex>> active) {
        try {
            preparer.execute(() -> {
                try {
                    active.get().ifPresent(this::prepareNow);
                } catch (RuntimeException e) {
                    log.warn("getting a new version ready failed; its first request will: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            // closing, or many deploys at once: their first requests get them ready instead
        }
    }

    /**
     * For a process that has just started: builds the JS engine on a background thread if one of
     * the active versions has functions, so their first request does not wait for it. An
     * instance of static sites never builds it (tens of MB of class metadata and compiler threads
     * it would not use).
     */
    public void prepareEngineInBackground(Supplier<Stream<VersionIndex>> activeVersions) {
        Thread.ofVirtual().name("fazt-functions-check").start(() -> {
            try {
                Optional<VersionIndex> first = activeVersions.get().filter(Functions::hasFunctions).findFirst();
            if (first.isPresent()) {
                engine.prepareInBackground();
                prepare(() -> first); // and the JIT's warm-up of the prelude
            }
            } catch (RuntimeException e) {
                log.debug("not getting functions ready (closing?): {}", e.toString()); // their first request will
            }
        });
    }

    /** True when the version has functions ({@code api/main.js}). */
    public static boolean hasFunctions(VersionIndex index) {
        return index.file(AppRuntime.MAIN) != null;
    }

    private void prepareNow(VersionIndex index) {
        if (!hasFunctions(index)) return; // a static site never needs the JS engine built
        AppRuntime app = runtimeFor(index);
        if (!app.hasMain() || app.mainError() != null) return;
        JsContext ctx = app.acquire();
        try {
            app.main(ctx.context());
        } catch (PolyglotException e) {
            // a syntax error: remembered by the runtime, reported by the first request
        } finally {
            app.release(ctx);
        }
        if (preludeWarmedUp.compareAndSet(false, true)) warmUpPrelude(index);
    }

    /** The JIT's warm-up of the prelude ({@link PreludeWarmUp}) in a context of this version; the runs made. */
    int warmUpPrelude(VersionIndex index) {
        long t0 = System.nanoTime();
        int runs = PreludeWarmUp.run(runtimeFor(index));
        log.debug("JIT warm-up of the prelude: {} runs in {} ms", runs, (System.nanoTime() - t0) / 1_000_000);
        return runs;
    }

    /** The version whose runtime is loaded for an app and its idle contexts, as "version:idle" (tests). */
    String loaded(String appId) {
        AppRuntime r = runtimes.get(appId);
        return r == null ? null : r.version() + ":" + r.idleCount();
    }

    private AppRuntime runtimeFor(VersionIndex index) {
        AppRuntime current = runtimes.get(index.appId());
        if (current != null && current.version() == index.version()) return current;
        AppRuntime fresh = new AppRuntime(engine, index, services, limits.get());
        AppRuntime chosen = runtimes.compute(index.appId(),
                (id, old) -> old != null && old.version() == index.version() ? old : fresh);
        if (chosen == fresh && current != null) current.close();
        return chosen;
    }

    private FunctionResponse run(AppRuntime app, FunctionRequest request, String userJson, FunctionLimits l, PendingCall call) {
        Invocation inv = new Invocation(app, request, userJson);
        if (app.mainError() != null) return failure(inv, app.mainError(), null);
        JsContext ctx = app.acquire();
        long deadline = System.nanoTime() + l.timeoutMs() * 1_000_000;
        inv.limitTo(deadline);
        call.started(ctx, deadline);
        try {
            Source main = app.main(ctx.context());
            Value[] out = ctx.run(inv, main);
            return response(out, l);
        } catch (PolyglotException e) {
            return failed(app, ctx, inv, e, call.timedOut());
        } finally {
            call.finished();
            app.release(ctx);
        }
    }

    private FunctionResponse failed(AppRuntime app, JsContext ctx, Invocation inv, PolyglotException e, boolean timedOut) {
        if (e.isCancelled() || e.isInterrupted()) {
            ctx.spoil();
            if (timedOut) {
                inv.log("error", "timeout: the function ran longer than " + limits.get().timeoutMs() + " ms");
                return error(504, "timeout");
            }
            inv.log("error", "stopped: the instance ran low on memory");
            return error(503, "the function was stopped because the instance ran low on memory");
        }
        if (e.isResourceExhausted() || e.isInternalError()) ctx.spoil();
        Value[] signal = ctx.signalOf(e);
        if (signal != null) {
            int status = signal[0].asInt();
            if (status == 307) {
                return new FunctionResponse(307, Map.of("Location", signal[1].asString()), new byte[0], null);
            }
            return error(status, signal[2].asString());
        }
        if (!e.isGuestException()) ctx.spoil();
        String message = ScriptErrors.describe(e);
        return failure(inv, message, e);
    }

    /** A 500 with the error and this request's log lines (SPEC §4.3); the stack goes to the log. */
    private FunctionResponse failure(Invocation inv, String message, PolyglotException e) {
        inv.log("error", e == null ? message : message + stack(e));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("logs", inv.logs());
        return json(500, body);
    }

    private static String stack(PolyglotException e) {
        StringBuilder b = new StringBuilder();
        for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
            if (f.isGuestFrame() && f.getSourceLocation() != null && f.getSourceLocation().getSource().getName().startsWith("api/")) {
                String fn = f.getRootName();
                b.append("\n    at ").append(fn == null || fn.isEmpty() || fn.startsWith(":") ? "<top>" : fn)
                        .append(" (").append(f.getSourceLocation().getSource().getName()).append(':')
                        .append(f.getSourceLocation().getStartLine()).append(')');
            }
        }
        return b.toString();
    }

    private static FunctionResponse response(Value[] out, FunctionLimits l) throws PolyglotException {
        int status = out[0].asInt();
        Map<String, String> headers = new LinkedHashMap<>();
        String contentType = out[3].isNull() ? null : out[3].asString();
        if (!out[1].isNull()) {
            try {
                var node = Json.MAPPER.readTree(out[1].asString());
                var fields = node.fields();
                while (fields.hasNext()) {
                    var f = fields.next();
                    String name = f.getKey();
                    String value = f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString();
                    if (!HEADER_NAME.matcher(name).matches() || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) continue;
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (HOP_BY_HOP.contains(lower)) continue;
                    if (lower.equals("content-type")) contentType = value;
                    else headers.put(name, value);
                }
            } catch (IOException e) {
                // headers that were not an object: ignored
            }
        }
        byte[] body = out[2].asString().getBytes(StandardCharsets.UTF_8);
        if (body.length > l.maxResponseBytes()) {
            return error(500, "the response is larger than the limit of " + l.maxResponseBytes() + " bytes");
        }
        return new FunctionResponse(status, headers, body, contentType);
    }

    static FunctionResponse error(int status, String message) {
        return json(status, Map.of("error", message));
    }

    private static FunctionResponse json(int status, Object body) {
        try {
            return FunctionResponse.json(status, Json.MAPPER.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void cancelAllForMemory() {
        log.warn("heap nearly full: stopping the running functions");
        calls.cancelAllRuns();
    }

    /** Drops the runtime of an app (deleted, or its version changed); its contexts close. */
    public void forget(String appId) {
        AppRuntime r = runtimes.remove(appId);
        if (r != null) r.close();
    }

    @Override
    public void close() {
        heapGuard.close();
        preparer.shutdownNow();
        pool.shutdown();
        try {
            preparer.awaitTermination(5, TimeUnit.SECONDS);
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        calls.close();
        runtimes.values().forEach(AppRuntime::close);
        runtimes.clear();
    }
}
