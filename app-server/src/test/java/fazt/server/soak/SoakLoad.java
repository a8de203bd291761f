package fazt.server.soak;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The soak's load: {@code connections} clients in a closed loop against a running fazt for
 * {@code seconds}, mixing static pages, a hello function, KV and document writes through a
 * function and analytics events ({@code POST /track}), while a new version of the app is deployed
 * through the admin API every {@code deployEverySeconds} and the admin API's live log stream stays
 * open. Every write the server acknowledged is recorded (its key, document id or event tag) so
 * that {@link SoakChecks} can look for it in data.db after the server has stopped. Uses only the
 * JDK, so {@code bench/soak.sh} can run it from source; SoakTest runs it in the suite.
 */
public final class SoakLoad {
    /** The app the soak deploys and loads. */
    public static final String APP = "soak";
    /** The collection its function inserts documents into, and the event name of its analytics events. */
    public static final String COLLECTION = "soak";
    static final String FUNCTION = """
            var p = request.path;
            if (p === '/api/hello') {
              respond({message: 'hello'});
            } else if (p === '/api/kv') {
              var k = request.query.k;
              fazt.storage.kv.set(k, {k: k, at: Date.now()});
              respond({key: k});
            } else if (p === '/api/doc') {
              var id = fazt.storage.ds.insert('soak', {k: request.query.k});
              console.log('soak doc ' + id);
              respond({id: id});
            } else {
              respond(404, {error: 'no route ' + p});
            }
            """;
    private static final Pattern JSON_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern JSON_VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final byte[] ASSET = asset();

    /** What one request of the mix does. */
    public enum Kind { PAGE, ASSET, HELLO, KV, DOC, TRACK }

    /** Where the load goes and for how long; {@code pid} is the server's process for VmRSS (-1: not sampled). */
    public record Settings(int port, Path dataFile, int seconds, int connections, int deployEverySeconds, long pid) {
        public Settings {
            if (port <= 0 || port > 65535) throw new IllegalArgumentException("port must be 1-65535, not " + port);
            if (seconds < 1) throw new IllegalArgumentException("seconds must be at least 1, not " + seconds);
            if (connections < 1) throw new IllegalArgumentException("connections must be at least 1, not " + connections);
            if (deployEverySeconds < 1) throw new IllegalArgumentException("deployEverySeconds must be at least 1");
            if (!Files.isRegularFile(dataFile)) throw new IllegalArgumentException("no data.db at " + dataFile);
        }
    }

    /** One deploy during the load: its answer, the version it made active, and whether that version was then served. */
    public record Deploy(int number, int status, int version, boolean served, long millis, String problem) {
        public boolean ok() {
            return status == 200 && served && problem == null;
        }
    }

    /** A VmRSS reading, {@code atSecond} seconds into the load. */
    public record RssSample(double atSecond, long kib) {}

    /** Everything the load saw. */
    public record Outcome(Settings settings, double seconds, long requests, long failed, List<String> failureExamples,
            Map<Kind, long[]> latenciesMicros, List<String> kvKeys, List<String> docIds, List<String> trackTags,
            List<Deploy> deploys, long logLines, String logStreamProblem, List<RssSample> rss) {}

    private final Settings settings;
    private final String token;
    private final HttpClient http;
    private final AtomicLong failed = new AtomicLong();
    private final Queue<String> failureExamples = new ConcurrentLinkedQueue<>();
    private final Queue<String> kvKeys = new ConcurrentLinkedQueue<>();
    private final Queue<String> docIds = new ConcurrentLinkedQueue<>();
    private final Queue<String> trackTags = new ConcurrentLinkedQueue<>();
    private final List<Deploy> deploys = new ArrayList<>();
    private final List<RssSample> rss = new ArrayList<>();
    private volatile boolean running = true;

    private SoakLoad(Settings settings) throws IOException {
        this.settings = settings;
        this.token = adminToken(settings.dataFile());
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Deploys the app (version 1), then runs the load; returns when it and the deploys and the log stream have ended. */
    public static Outcome run(Settings settings) throws Exception {
        SoakLoad load = new SoakLoad(settings);
        try {
            return load.drive();
        } finally {
            load.http.close();
        }
    }

    /** The per-run admin token the running instance wrote into data.db.lock (what the CLI uses). */
    static String adminToken(Path dataFile) throws IOException {
        Path lock = dataFile.resolveSibling(dataFile.getFileName() + ".lock");
        String text = Files.isRegularFile(lock) ? Files.readString(lock) : "";
        Matcher m = TOKEN.matcher(text);
        if (!m.find()) throw new IOException("no running instance's token in " + lock + ": is fazt serving " + dataFile + "?");
        return m.group(1);
    }

    private Outcome drive() throws Exception {
        Deploy first = deploy(1);
        if (!first.ok()) throw new IllegalStateException("the first deploy of the soak app failed: " + first);
        deploys.add(first);
        warmUp();
        LogStream logs = new LogStream();
        Thread logThread = Thread.ofVirtual().name("soak-log-stream").start(logs);
        long start = System.nanoTime();
        long end = start + settings.seconds() * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        List<Map<Kind, LongList>> latencies = new ArrayList<>();
        for (int c = 0; c < settings.connections(); c++) {
            Map<Kind, LongList> mine = new EnumMap<>(Kind.class);
            for (Kind k : Kind.values()) mine.put(k, new LongList());
            latencies.add(mine);
            int client = c;
            workers.add(Thread.ofVirtual().name("soak-client-" + c).start(() -> clientLoop(client, end, mine)));
        }
        Thread deployer = Thread.ofVirtual().name("soak-deployer").start(() -> deployLoop(start, end));
        Thread sampler = Thread.ofVirtual().name("soak-rss").start(() -> sampleRss(start, end));
        for (Thread t : workers) t.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        deployer.join();
        sampler.join();
        running = false;
        logs.close();
        logThread.join(Duration.ofSeconds(30));
        Map<Kind, long[]> merged = new EnumMap<>(Kind.class);
        long requests = 0;
        for (Kind k : Kind.values()) {
            LongList all = new LongList();
            for (Map<Kind, LongList> m : latencies) all.addAll(m.get(k));
            long[] sorted = all.sorted();
            merged.put(k, sorted);
            requests += sorted.length;
        }
        return new Outcome(settings, seconds, requests, failed.get(), List.copyOf(failureExamples), merged,
                List.copyOf(kvKeys), List.copyOf(docIds), List.copyOf(trackTags), List.copyOf(deploys),
                logs.lines.get(), logs.problem.get(), List.copyOf(rss));
    }

    /**
     * The first requests of a new function version compile it; they are sent before the clock
     * starts, with a longer time limit than the load's (a busy machine can take more than 30 s).
     */
    private void warmUp() throws Exception {
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = send(appRequest("/api/hello").timeout(Duration.ofMinutes(3)).GET());
            if (r.statusCode() != 200) throw new IllegalStateException("the soak app's hello answered " + r.statusCode() + ": " + r.body());
        }
    }

    private void clientLoop(int client, long end, Map<Kind, LongList> latencies) {
        Random random = new Random(client * 7919L + 17);
        for (long n = 0; System.nanoTime() < end; n++) {
            Kind kind = pick(random.nextInt(100));
            String id = "c" + client + "-" + n;
            long t0 = System.nanoTime();
            String problem;
            try {
                problem = once(kind, id);
            } catch (IOException e) {
                problem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            latencies.get(kind).add((System.nanoTime() - t0) / 1_000);
            if (problem != null) {
                failed.incrementAndGet();
                if (failureExamples.size() < 20) failureExamples.add(kind + " " + id + ": " + problem);
            }
        }
    }

    /** The mix: 30 % pages, 10 % a 20 KB script, 20 % hello, 15 % KV writes, 15 % documents, 10 % events. */
    static Kind pick(int percent) {
        if (percent < 30) return Kind.PAGE;
        if (percent < 40) return Kind.ASSET;
        if (percent < 60) return Kind.HELLO;
        if (percent < 75) return Kind.KV;
        if (percent < 90) return Kind.DOC;
        return Kind.TRACK;
    }

    /** Sends one request of the kind; null when it was answered as it should be, else what was wrong. */
    private String once(Kind kind, String id) throws IOException, InterruptedException {
        HttpResponse<String> r = switch (kind) {
            case PAGE -> send(appRequest("/").GET());
            case ASSET -> send(appRequest("/app.js").GET());
            case HELLO -> send(appRequest("/api/hello").GET());
            case KV -> send(appRequest("/api/kv?k=" + id).POST(HttpRequest.BodyPublishers.noBody()));
            case DOC -> send(appRequest("/api/doc?k=" + id).POST(HttpRequest.BodyPublishers.noBody()));
            case TRACK -> send(appRequest("/track").header("Content-Type", "application/json").POST(
                    HttpRequest.BodyPublishers.ofString("{\"e\":\"" + COLLECTION + "\",\"p\":\"/soak\",\"t\":{\"n\":\"" + id + "\"}}")));
        };
        int expected = kind == Kind.TRACK ? 204 : 200;
        if (r.statusCode() != expected) return "status " + r.statusCode() + ": " + abbreviate(r.body());
        switch (kind) {
            case PAGE -> { if (!r.body().contains("soak deploy")) return "not the soak page: " + abbreviate(r.body()); }
            case ASSET -> { if (r.body().length() != ASSET.length) return "app.js of " + r.body().length() + " bytes"; }
            case HELLO -> { if (!r.body().contains("hello")) return "unexpected answer: " + abbreviate(r.body()); }
            case KV -> {
                if (!r.body().contains("\"" + id + "\"")) return "the answer names another key: " + abbreviate(r.body());
                kvKeys.add(id);
            }
            case DOC -> {
                Matcher m = JSON_ID.matcher(r.body());
                if (!m.find()) return "no document id in the answer: " + abbreviate(r.body());
                docIds.add(m.group(1));
            }
            case TRACK -> trackTags.add(id);
        }
        return null;
    }

    private void deployLoop(long start, long end) {
        for (int n = 2; ; n++) {
            long due = start + (n - 1) * settings.deployEverySeconds() * 1_000_000_000L;
            if (due >= end) return;
            if (!sleepUntil(due)) return;
            Deploy d = deploy(n);
            synchronized (deploys) {
                deploys.add(d);
            }
        }
    }

    /** Deploys version {@code n} of the app (its page says which), then asks for the page: the new one must be served. */
    private Deploy deploy(int n) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/deploy?name=" + APP)).header("Host", "localhost")
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/zip")
                    .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofByteArray(bundle(n))));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Matcher v = JSON_VERSION.matcher(r.body());
            int version = v.find() ? Integer.parseInt(v.group(1)) : -1;
            if (r.statusCode() != 200) return new Deploy(n, r.statusCode(), version, false, ms, abbreviate(r.body()));
            HttpResponse<String> page = send(appRequest("/").GET());
            boolean served = page.statusCode() == 200 && page.body().contains(pageMarker(n));
            return new Deploy(n, 200, version, served, ms, served ? null : "served instead: " + abbreviate(page.body()));
        } catch (IOException e) {
            return new Deploy(n, -1, -1, false, (System.nanoTime() - t0) / 1_000_000, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Deploy(n, -1, -1, false, 0, "interrupted");
        }
    }

    static String pageMarker(int n) {
        return "soak deploy " + n + ".";
    }

    /** Deploy {@code n}: a 1 KB page naming it, a 20 KB script and the function. */
    static byte[] bundle(int n) {
        StringBuilder page = new StringBuilder("<!doctype html><title>soak</title><h1>" + pageMarker(n) + "</h1><p>");
        while (page.length() < 1020) page.append('x');
        page.append("</p>\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, "index.html", page.toString().getBytes(StandardCharsets.UTF_8));
            put(zip, "app.js", ASSET);
            put(zip, "api/main.js", FUNCTION.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static byte[] asset() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; s.length() < 20_000; i++) s.append("var soak").append(i).append(" = ").append(i * 31).append(";\n");
        return s.substring(0, 20_000).getBytes(StandardCharsets.UTF_8);
    }

    private void sampleRss(long start, long end) {
        if (settings.pid() <= 0) return;
        for (long due = start; due < end; due += 5_000_000_000L) {
            if (!sleepUntil(due)) return;
            long kib = rssKib(settings.pid());
            if (kib < 0) return;
            synchronized (rss) {
                rss.add(new RssSample((due - start) / 1e9, kib));
            }
        }
    }

    /** VmRSS of a process in KiB from /proc (Linux), or -1 when it cannot be read. */
    static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    private static boolean sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait <= 0) return true;
        try {
            Thread.sleep(Duration.ofNanos(wait));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The admin API's live log stream of the app, read until the load ends; ending earlier is a problem. */
    private final class LogStream implements Runnable {
        final AtomicLong lines = new AtomicLong();
        final AtomicReference<String> problem = new AtomicReference<>();
        private volatile InputStream body;

        @Override
        public void run() {
            try {
                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri("/api/logs/stream?app=" + APP))
                        .header("Host", "localhost").header("Authorization", "Bearer " + token).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                body = r.body();
                if (r.statusCode() != 200) {
                    problem.set("the log stream answered " + r.statusCode());
                    return;
                }
                if (!running) return;
                BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.startsWith("data:")) lines.incrementAndGet();
                }
                if (running) problem.set("the log stream ended while the load ran");
            } catch (IOException e) {
                if (running) problem.set("the log stream failed while the load ran: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void close() {
            InputStream b = body;
            if (b == null) return;
            try {
                b.close();
            } catch (IOException e) {
                // closing a stream we are done with
            }
        }
    }

    private HttpRequest.Builder appRequest(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Host", APP + ".localhost").timeout(Duration.ofSeconds(30));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + settings.port() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= 200 ? one : one.substring(0, 200) + "...";
    }

    /** A growable list of longs (latencies in µs), cheaper than boxing ~a million of them. */
    static final class LongList {
        private long[] items = new long[1024];
        private int size;

        void add(long v) {
            if (size == items.length) items = Arrays.copyOf(items, size * 2);
            items[size++] = v;
        }

        void addAll(LongList other) {
            for (int i = 0; i < other.size; i++) add(other.items[i]);
        }

        long[] sorted() {
            long[] a = Arrays.copyOf(items, size);
            Arrays.sort(a);
            return a;
        }
    }
}
