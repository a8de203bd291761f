package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fazt.core.apps.VersionInfo;
import fazt.core.db.DataFileQueries;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * SPEC §3.2: a reader never sees a mix of two versions. While one thread deploys version after
 * version over HTTP, readers fetch files present in every version; each body names its version at
 * both ends and has a fixed length, so a torn body, a body from a mix of versions, a 404 during the
 * switch or a step back to an older version is caught. Afterwards only the newest 10 versions are
 * kept and the content store holds exactly the blobs they use.
 */
class AtomicSwitchTest {
    private static final String APP = "atomic";
    private static final String HOST = APP + ".localhost";
    private static final int LAST_VERSION = 40;
    private static final int READERS = 8;
    private static final int MAX_PROBLEMS = 50;
    private static final int FILE_BYTES = 20 * 1024;
    private static final List<String> ALWAYS = List.of("index.html", "a.txt", "b/c.txt");
    private static final String EVEN_ONLY = "even.txt";
    /** The key under which a reader keeps the newest version it saw on any path. */
    private static final String ANY_PATH = "*";
    private static final Pattern WHOLE = Pattern.compile("\\Aversion=(\\d+);path=([^;]+);x*;end=(\\d+)\\z");

    @Test
    void readersSeeWholeVersionsOnlyAndNeverGoBack() throws Exception {
        try (TestInstance fazt = new TestInstance()) {
            assertDeployed(fazt, 1);
            AtomicBoolean deploying = new AtomicBoolean(true);
            Queue<String> problems = new ConcurrentLinkedQueue<>();
            LongAdder checked = new LongAdder();
            Set<Integer> versionsSeen = ConcurrentHashMap.newKeySet();
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                readers.add(Thread.ofPlatform().name("reader-" + r)
                        .start(() -> read(fazt, deploying, problems, checked, versionsSeen)));
            }
            long started = System.nanoTime();
            try {
                for (int v = 2; v <= LAST_VERSION; v++) {
                    assertDeployed(fazt, v);
                    if (problems.size() > MAX_PROBLEMS) break;
                    awaitReads(checked, READERS * 4L);
                }
            } finally {
                deploying.set(false);
                for (Thread t : readers) t.join();
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("AtomicSwitchTest: %d reads checked by %d readers during %d deploys in %d ms;"
                    + " %d of %d versions seen%n", checked.sum(), READERS, LAST_VERSION - 1, millis, versionsSeen.size(),
                    LAST_VERSION);

            assertThat(problems).as("what readers saw during the deploys").isEmpty();
            assertThat(checked.sum()).as("reads checked").isGreaterThan(LAST_VERSION * 10L);
            assertThat(versionsSeen).as("versions the readers saw").hasSizeGreaterThan(LAST_VERSION / 2);
            assertThat(fazt.fazt.apps().get(APP).activeVersion()).isEqualTo(LAST_VERSION);
            for (String path : ALWAYS) {
                HttpResponse<byte[]> res = fazt.get(HOST, "/" + path);
                assertThat(res.statusCode()).isEqualTo(200);
                assertThat(new String(res.body(), StandardCharsets.UTF_8)).isEqualTo(content(LAST_VERSION, path));
            }
            List<VersionInfo> kept = fazt.fazt.apps().versions(APP);
            assertThat(kept).hasSize(10);
            assertThat(kept).extracting(VersionInfo::version)
                    .containsExactlyElementsOf(IntStream.iterate(LAST_VERSION, v -> v - 1).limit(10).boxed().toList());
            assertBlobsMatchReferencedHashes(fazt);
        }
    }

    /**
     * Lets the readers make {@code reads} more requests before the next deploy (bounded), so every
     * version is read a few times even while the JIT is cold; they keep reading during the deploys too.
     */
    private static void awaitReads(LongAdder checked, long reads) throws InterruptedException {
        long target = checked.sum() + reads;
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (checked.sum() < target && System.nanoTime() < deadline) Thread.sleep(1);
    }

    /** Version {@code v}: the files every version has, and {@link #EVEN_ONLY} in even versions. */
    private static Map<String, String> version(int v) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String path : ALWAYS) files.put(path, content(v, path));
        if (v % 2 == 0) files.put(EVEN_ONLY, content(v, EVEN_ONLY));
        return files;
    }

    /** {@code version=N;path=P;xxx…;end=N}, exactly {@link #FILE_BYTES} long. */
    private static String content(int v, String path) {
        String head = "version=" + v + ";path=" + path + ";";
        String tail = ";end=" + v;
        return head + "x".repeat(FILE_BYTES - head.length() - tail.length()) + tail;
    }

    private static void assertDeployed(TestInstance fazt, int v) throws Exception {
        HttpResponse<byte[]> res = fazt.deploy(APP, TestInstance.zip(version(v)));
        String body = new String(res.body(), StandardCharsets.UTF_8);
        assertThat(res.statusCode()).as("deploy of version %d: %s", v, body).isEqualTo(200);
        JsonNode data = new ObjectMapper().readTree(body).path("data");
        assertThat(data.path("version").asInt()).as("version number of deploy %d", v).isEqualTo(v);
    }

    /** One reader: fetches every path in turn until the deployer is done, plus one round after it. */
    private static void read(TestInstance fazt, AtomicBoolean deploying, Queue<String> problems, LongAdder checked,
            Set<Integer> versionsSeen) {
        Map<String, Integer> lastSeen = new HashMap<>();
        boolean more = true;
        while (more) {
            more = deploying.get();
            for (String path : ALWAYS) {
                check(fazt, path, false, lastSeen, problems, versionsSeen);
                checked.increment();
            }
            check(fazt, EVEN_ONLY, true, lastSeen, problems, versionsSeen);
            checked.increment();
            if (problems.size() > MAX_PROBLEMS) return; // enough to see what is wrong
        }
    }

    private static void check(TestInstance fazt, String path, boolean mayBeMissing, Map<String, Integer> lastSeen,
            Queue<String> problems, Set<Integer> versionsSeen) {
        String who = Thread.currentThread().getName() + " GET /" + path;
        HttpResponse<byte[]> res;
        try {
            res = fazt.get(HOST, "/" + path);
        } catch (RuntimeException e) {
            problems.add(who + ": " + e);
            return;
        }
        if (res.statusCode() == 404 && mayBeMissing) return;
        if (res.statusCode() != 200) {
            problems.add(who + ": status " + res.statusCode() + ": "
                    + abbreviate(new String(res.body(), StandardCharsets.UTF_8).strip()));
            return;
        }
        String body = new String(res.body(), StandardCharsets.UTF_8);
        Matcher m = WHOLE.matcher(body);
        if (body.length() != FILE_BYTES || !m.matches()) {
            problems.add(who + ": torn body of " + body.length() + " chars: " + abbreviate(body));
            return;
        }
        int start = Integer.parseInt(m.group(1));
        int end = Integer.parseInt(m.group(3));
        if (start != end || !m.group(2).equals(path)) {
            problems.add(who + ": mixed body version=" + start + " path=" + m.group(2) + " end=" + end);
            return;
        }
        versionsSeen.add(start);
        if (path.equals(EVEN_ONLY) && start % 2 != 0) problems.add(who + ": served from odd version " + start);
        Integer before = lastSeen.put(path, start);
        if (before != null && start < before) problems.add(who + ": went back from version " + before + " to " + start);
        // Requests of one reader are sequential and deploys only go forward, so no path may
        // answer older than what any earlier request of this reader saw.
        int newest = lastSeen.merge(ANY_PATH, start, Math::max);
        if (start < newest) problems.add(who + ": version " + start + " after this reader saw " + newest + " elsewhere");
    }

    private static String abbreviate(String body) {
        return body.length() <= 80 ? body : body.substring(0, 40) + "…" + body.substring(body.length() - 40);
    }

    /** Pruning kept the content store exact: one blob per distinct hash the kept versions use. */
    private static void assertBlobsMatchReferencedHashes(TestInstance fazt) {
        DataFileQueries.Row counts = DataFileQueries.of(fazt.fazt.database()).row("SELECT (SELECT COUNT(*) FROM blobs),"
                + " (SELECT COUNT(DISTINCT hash) FROM version_files),"
                + " (SELECT COUNT(*) FROM blobs WHERE hash NOT IN (SELECT hash FROM version_files))");
        assertThat(counts.number(1)).as("blobs vs distinct hashes referenced").isEqualTo(counts.number(2));
        assertThat(counts.number(3)).as("blobs no version uses").isZero();
    }
}
