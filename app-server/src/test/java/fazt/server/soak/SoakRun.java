package fazt.server.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code bench/soak.sh}'s program: runs {@link SoakLoad} against a {@code fazt --server} it did not
 * start, stops that server cleanly (SIGTERM, as Ctrl-C does), looks for every acknowledged write
 * in data.db ({@link SoakChecks}) and prints the verdicts. Exit 0 when all pass, 1 when one fails,
 * 2 for bad arguments.
 *
 * <pre>java -cp SQLITE_JDBC_JAR SoakRun.java --port P --data DATA.DB --pid PID [--seconds 600]
 *     [--connections 50] [--deploy-every 30] [--markdown FILE]</pre>
 */
public final class SoakRun {
    static final double P99_LIMIT_MS = 500;
    static final double RSS_GROWTH_LIMIT = 0.10;
    static final int RSS_FROM_SECOND = 120;

    /** One PASS/FAIL line; {@code judged} false for a verdict the run was too short to give. */
    record Verdict(String name, boolean pass, boolean judged, String detail) {
        String line() {
            return (judged ? (pass ? "PASS" : "FAIL") : "n/a ") + "  " + name + ": " + detail;
        }
    }

    private SoakRun() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        Map<String, String> opts;
        SoakLoad.Settings settings;
        try {
            opts = options(args);
            settings = new SoakLoad.Settings(Integer.parseInt(need(opts, "port")), Path.of(need(opts, "data")),
                    Integer.parseInt(opts.getOrDefault("seconds", "600")), Integer.parseInt(opts.getOrDefault("connections", "50")),
                    Integer.parseInt(opts.getOrDefault("deploy-every", "30")), Long.parseLong(need(opts, "pid")));
        } catch (IllegalArgumentException e) {
            System.err.println("soak: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.printf("soak: %d connections for %d s against port %d (pid %d), a deploy every %d s%n",
                settings.connections(), settings.seconds(), settings.port(), settings.pid(), settings.deployEverySeconds());
        SoakLoad.Outcome outcome = SoakLoad.run(settings);
        System.out.println("soak: load done; stopping the server with SIGTERM");
        long stopMs = stop(settings.pid());
        List<Verdict> verdicts = new ArrayList<>();
        verdicts.add(new Verdict("clean stop", stopMs >= 0, true,
                stopMs >= 0 ? "the server exited " + stopMs + " ms after SIGTERM" : "the server was still running 60 s after SIGTERM"));
        SoakChecks.Findings findings = stopMs >= 0 ? SoakChecks.inspect(settings.dataFile(), outcome) : null;
        verdicts.addAll(verdicts(outcome, findings));
        String report = report(outcome, findings, verdicts);
        System.out.print(report);
        if (opts.containsKey("markdown")) Files.writeString(Path.of(opts.get("markdown")), report);
        boolean pass = verdicts.stream().allMatch(v -> v.pass() || !v.judged());
        System.out.println(pass ? "soak: PASS" : "soak: FAIL");
        System.exit(pass ? 0 : 1);
    }

    /** The verdicts of a run; {@code findings} null when data.db could not be inspected. */
    static List<Verdict> verdicts(SoakLoad.Outcome o, SoakChecks.Findings f) {
        List<Verdict> v = new ArrayList<>();
        v.add(new Verdict("zero failed requests", o.failed() == 0, true,
                o.failed() + " of " + o.requests() + " failed" + (o.failureExamples().isEmpty() ? "" : ", e.g. " + o.failureExamples().get(0))));
        double p99 = percentileMs(all(o), 0.99);
        v.add(new Verdict("p99 under " + (int) P99_LIMIT_MS + " ms", p99 < P99_LIMIT_MS, true, String.format("p99 %.1f ms", p99)));
        v.add(rssVerdict(o));
        long badDeploys = o.deploys().stream().filter(d -> !d.ok()).count();
        v.add(new Verdict("every deploy succeeded and was served", badDeploys == 0, true, o.deploys().size() + " deploys, "
                + badDeploys + " failed" + o.deploys().stream().filter(d -> !d.ok()).findFirst().map(d -> ", e.g. " + d).orElse("")));
        v.add(new Verdict("log stream open the whole time", o.logStreamProblem() == null, true,
                o.logStreamProblem() == null ? o.logLines() + " log lines received" : o.logStreamProblem()));
        if (f == null) {
            v.add(new Verdict("every acknowledged write in data.db", false, true, "not checked: the server did not stop"));
            return v;
        }
        v.add(new Verdict("every acknowledged write in data.db", f.everyWritePresent(), true, String.format(
                "KV %d/%d, documents %d/%d, events %d/%d%s", f.kvFound(), o.kvKeys().size(), f.docsFound(), o.docIds().size(),
                f.eventsFound(), o.trackTags().size(), f.missingExamples().isEmpty() ? "" : "; missing e.g. " + f.missingExamples())));
        v.add(new Verdict("PRAGMA integrity_check", f.integrityOk(), true, f.integrity()));
        return v;
    }

    /** Resident memory: the highest reading in minute 3 against the highest in the last minute. */
    static Verdict rssVerdict(SoakLoad.Outcome o) {
        String name = "VmRSS growth after minute 2 at most " + (int) (RSS_GROWTH_LIMIT * 100) + " %";
        double end = o.seconds();
        OptionalLong base = o.rss().stream().filter(s -> s.atSecond() >= RSS_FROM_SECOND && s.atSecond() < RSS_FROM_SECOND + 60)
                .mapToLong(SoakLoad.RssSample::kib).max();
        OptionalLong last = o.rss().stream().filter(s -> s.atSecond() >= end - 60).mapToLong(SoakLoad.RssSample::kib).max();
        if (end < RSS_FROM_SECOND + 120 || base.isEmpty() || last.isEmpty()) {
            return new Verdict(name, true, false, "not judged: needs a server pid and a run of at least "
                    + (RSS_FROM_SECOND + 120) + " s");
        }
        double growth = (double) last.getAsLong() / base.getAsLong() - 1;
        return new Verdict(name, growth <= RSS_GROWTH_LIMIT, true, String.format("%d MiB in minute 3, %d MiB in the last minute: %+.1f %%",
                base.getAsLong() / 1024, last.getAsLong() / 1024, growth * 100));
    }

    /** The figures and verdicts as Markdown (a table per request kind, the RSS readings, the verdict lines). */
    static String report(SoakLoad.Outcome o, SoakChecks.Findings f, List<Verdict> verdicts) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%d requests in %.0f s (%.0f/s) at %d connections, %d failed.%n%n", o.requests(), o.seconds(),
                o.requests() / o.seconds(), o.settings().connections(), o.failed()));
        s.append("| request | count | p50 | p99 | max |\n|---|---:|---:|---:|---:|\n");
        for (Map.Entry<SoakLoad.Kind, long[]> e : o.latenciesMicros().entrySet()) {
            s.append(row(label(e.getKey()), e.getValue()));
        }
        s.append(row("all", all(o))).append('\n');
        long deployMax = o.deploys().stream().mapToLong(SoakLoad.Deploy::millis).max().orElse(0);
        s.append(String.format("Deploys: %d (versions %s), slowest %d ms. Live log stream: %d lines.%n", o.deploys().size(),
                o.deploys().stream().map(d -> Integer.toString(d.version())).toList(), deployMax, o.logLines()));
        if (!o.rss().isEmpty()) {
            s.append("VmRSS (MiB) each minute:");
            for (SoakLoad.RssSample r : o.rss()) if (((long) r.atSecond()) % 60 == 0) s.append(' ').append(r.kib() / 1024);
            s.append(String.format(", at the end %d.%n", o.rss().get(o.rss().size() - 1).kib() / 1024));
        }
        if (f != null) {
            s.append(String.format("Acknowledged writes found in data.db after the stop: %d KV entries, %d documents, %d events.%n",
                    f.kvFound(), f.docsFound(), f.eventsFound()));
        }
        s.append("\n```\n");
        for (Verdict v : verdicts) s.append(v.line()).append('\n');
        return s.append("```\n").toString();
    }

    private static String label(SoakLoad.Kind k) {
        return switch (k) {
            case PAGE -> "static page (1 KB)";
            case ASSET -> "static script (20 KB)";
            case HELLO -> "hello function";
            case KV -> "KV write (function)";
            case DOC -> "document insert (function, logs a line)";
            case TRACK -> "analytics event (`POST /track`)";
        };
    }

    private static String row(String name, long[] sortedMicros) {
        return String.format("| %s | %d | %.1f ms | %.1f ms | %.0f ms |%n", name, sortedMicros.length,
                percentileMs(sortedMicros, 0.50), percentileMs(sortedMicros, 0.99),
                sortedMicros.length == 0 ? 0.0 : sortedMicros[sortedMicros.length - 1] / 1000.0);
    }

    static long[] all(SoakLoad.Outcome o) {
        long[] all = o.latenciesMicros().values().stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    /** The nearest-rank percentile of sorted microseconds, in milliseconds (0 for none). */
    static double percentileMs(long[] sortedMicros, double p) {
        if (sortedMicros.length == 0) return 0;
        int rank = (int) Math.ceil(p * sortedMicros.length);
        return sortedMicros[Math.max(0, rank - 1)] / 1000.0;
    }

    /** SIGTERM, then waits up to 60 s for the process to end; the milliseconds it took, or -1. */
    private static long stop(long pid) throws InterruptedException {
        long t0 = System.nanoTime();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        while (System.nanoTime() - t0 < 60_000_000_000L) {
            if (!running(pid)) return (System.nanoTime() - t0) / 1_000_000;
            Thread.sleep(100);
        }
        return -1;
    }

    /** Whether pid runs; a zombie (ended, not yet reaped by the script that started it) has ended. */
    private static boolean running(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("State:")) return !line.contains("Z");
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) throw new IllegalArgumentException("expected --name value, got " + args[i]);
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }

    private static String need(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null) throw new IllegalArgumentException("--" + name + " is required");
        return v;
    }
}
