package fazt.core.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.FaztException;
import fazt.core.TempFazt;
import fazt.core.identity.Scope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppsTest {
    private final TempFazt t = new TempFazt();
    private final Apps apps = t.fazt.apps();

    @AfterEach
    void close() {
        t.close();
    }

    private static Bundle bundle(Map<String, String> files) {
        Map<String, byte[]> m = new HashMap<>();
        files.forEach((k, v) -> m.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return Bundle.of(m);
    }

    private static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : files.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private int count(String sql) {
        return t.fazt.database().read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void firstStartSeedsTheLandingApp() {
        assertThat(apps.idForName(AppNames.LANDING)).isPresent();
        assertThat(t.fazt.aliases().get("root")).isEmpty();
    }

    @Test
    void deployCreatesAppAliasAndActiveVersion() {
        DeployResult r = apps.deploy("blog", bundle(Map.of("index.html", "v1", "a.css", "body{}")), null);
        assertThat(r.app()).isEqualTo("blog");
        assertThat(r.id()).startsWith("app_");
        assertThat(r.version()).isEqualTo(1);
        assertThat(r.fileCount()).isEqualTo(2);
        assertThat(r.sizeBytes()).isEqualTo(8);
        assertThat(t.fazt.aliases().get("blog")).get().extracting(Alias::target).isEqualTo(r.id());
        VersionIndex index = apps.activeIndex(r.id()).orElseThrow();
        assertThat(index.version()).isEqualTo(1);
        assertThat(index.file("a.css").mime()).isEqualTo("text/css; charset=utf-8");
    }

    @Test
    void theManifestNameIsUsedWhenNoneIsGiven() {
        DeployResult r = apps.deploy(null, bundle(Map.of("manifest.json", "{\"name\":\"from-manifest\"}", "index.html", "x")), null);
        assertThat(r.app()).isEqualTo("from-manifest");
        assertThatThrownBy(() -> apps.deploy(null, bundle(Map.of("index.html", "x")), null)).hasMessageContaining("no app name");
    }

    @Test
    void identicalBytesAreStoredOnce() {
        String big = "x".repeat(10_000);
        apps.deploy("a", bundle(Map.of("index.html", big, "copy.html", big)), null);
        int blobs = count("SELECT COUNT(*) FROM blobs");
        apps.deploy("a", bundle(Map.of("index.html", big, "copy.html", big, "new.txt", "only this is new")), null);
        assertThat(count("SELECT COUNT(*) FROM blobs")).isEqualTo(blobs + 1);
    }

    @Test
    void compressibleFilesGetAGzipCopyAtDeploy() {
        DeployResult r = apps.deploy("g", bundle(Map.of("index.html", "<p>hello</p>".repeat(200), "tiny.txt", "hi")), null);
        VersionIndex index = apps.activeIndex(r.id()).orElseThrow();
        assertThat(index.file("index.html").hasGzip()).isTrue();
        assertThat(index.file("tiny.txt").hasGzip()).isFalse();
    }

    @Test
    void rollbackFlipsTheActiveVersionInstantly() {
        apps.deploy("site", bundle(Map.of("index.html", "one")), null);
        apps.deploy("site", bundle(Map.of("index.html", "two")), null);
        apps.deploy("site", bundle(Map.of("index.html", "three")), null);
        String id = apps.idForName("site").orElseThrow();
        assertThat(apps.rollback("site", null).version()).isEqualTo(2);
        assertThat(apps.activeIndex(id).orElseThrow().version()).isEqualTo(2);
        assertThat(apps.rollback("site", null).version()).isEqualTo(1);
        assertThatThrownBy(() -> apps.rollback("site", null)).hasMessageContaining("no version older than 1");
        assertThat(apps.rollback("site", 3).version()).isEqualTo(3);
        assertThatThrownBy(() -> apps.rollback("site", 9)).isInstanceOf(FaztException.class).hasMessageContaining("no version 9");
        assertThat(apps.versions("site")).extracting(VersionInfo::active).containsExactly(true, false, false);
    }

    @Test
    void onlyTheNewestVersionsAreKeptAndUnusedBlobsGo() {
        for (int i = 1; i <= 13; i++) apps.deploy("many", bundle(Map.of("index.html", "v" + i, "same.txt", "same")), null);
        List<VersionInfo> versions = apps.versions("many");
        assertThat(versions).hasSize(10);
        assertThat(versions.get(0).version()).isEqualTo(13);
        assertThat(versions.get(9).version()).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM blobs b WHERE NOT EXISTS (SELECT 1 FROM version_files f WHERE f.hash = b.hash)"))
                .isZero();
        // 10 distinct index.html + same.txt, plus the landing page
        assertThat(count("SELECT COUNT(*) FROM blobs")).isEqualTo(12);
    }

    @Test
    void aRolledBackVersionIsNeverPruned() {
        for (int i = 1; i <= 3; i++) apps.deploy("keep", bundle(Map.of("index.html", "v" + i)), null);
        apps.rollback("keep", 1);
        for (int i = 4; i <= 14; i++) apps.deploy("keep", bundle(Map.of("index.html", "v" + i)), null);
        apps.rollback("keep", 14);
        assertThat(apps.versions("keep")).hasSize(10);
    }

    @Test
    void deleteRemovesVersionsAliasesAndBlobs() {
        DeployResult r = apps.deploy("gone", bundle(Map.of("index.html", "unique bytes 1234")), null);
        t.fazt.aliases().set("other", Alias.APP, "gone");
        apps.delete("gone");
        assertThat(apps.find("gone")).isEmpty();
        assertThat(apps.activeIndex(r.id())).isEmpty();
        assertThat(t.fazt.aliases().get("gone")).isEmpty();
        assertThat(t.fazt.aliases().get("other")).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM version_files WHERE app_id = '" + r.id() + "'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM blobs b WHERE NOT EXISTS (SELECT 1 FROM version_files f WHERE f.hash = b.hash)"))
                .isZero();
        assertThatThrownBy(() -> apps.delete("gone")).isInstanceOf(FaztException.class).hasMessageContaining("no app 'gone'");
    }

    @Test
    void aNewAppCannotTakeAnExistingAlias() {
        t.fazt.aliases().set("taken", Alias.RESERVED, null);
        assertThatThrownBy(() -> apps.deploy("taken", bundle(Map.of("index.html", "x")), null))
                .isInstanceOf(FaztException.class).hasMessageContaining("already an alias");
        assertThat(apps.find("taken")).isEmpty();
    }

    @Test
    void theCachedIndexNeverGoesBackOrEmptyWhileVersionsSwitch() throws Exception {
        try (TempFazt one = new TempFazt(Map.of("versions_kept", "1"))) {
            Apps a = one.fazt.apps();
            String id = a.deploy("race", bundle(Map.of("index.html", "v0")), null).id();
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicInteger problems = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
            List<Thread> readers = new java.util.ArrayList<>();
            for (int r = 0; r < 4; r++) {
                readers.add(Thread.ofPlatform().start(() -> {
                    long last = -1;
                    while (!done.get()) {
                        VersionIndex i = a.activeIndex(id).orElseThrow();
                        if (i.files().isEmpty() || i.activation() < last) problems.incrementAndGet();
                        last = i.activation();
                        reads.incrementAndGet();
                    }
                }));
            }
            for (int v = 1; v <= 300; v++) a.deploy("race", bundle(Map.of("index.html", "v" + v)), null);
            done.set(true);
            for (Thread t : readers) t.join();
            assertThat(problems.get()).as("stale or empty indexes in %d reads", reads.get()).isZero();
            assertThat(a.activeIndex(id).orElseThrow().version()).isEqualTo(301);
        }
    }

    @Test
    void aliasesFollowTheAppIdAndSwapAtomically() {
        DeployResult a = apps.deploy("alpha", bundle(Map.of("index.html", "A")), null);
        DeployResult b = apps.deploy("beta", bundle(Map.of("index.html", "B")), null);
        t.fazt.aliases().set("www2", Alias.APP, "alpha");
        assertThat(t.fazt.aliases().get("www2").orElseThrow().target()).isEqualTo(a.id());
        t.fazt.aliases().swap("alpha", "beta");
        assertThat(t.fazt.aliases().get("alpha").orElseThrow().target()).isEqualTo(b.id());
        assertThat(t.fazt.aliases().get("beta").orElseThrow().target()).isEqualTo(a.id());
        assertThat(apps.get("alpha").aliases()).containsExactlyInAnyOrder("beta", "www2");
        assertThatThrownBy(() -> t.fazt.aliases().set("x", "redirect", "javascript:alert(1)")).hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> t.fazt.aliases().set("x", "bogus", null)).hasMessageContaining("alias type");
        assertThatThrownBy(() -> t.fazt.aliases().set("x", Alias.APP, "nope")).hasMessageContaining("no app 'nope'");
        assertThatThrownBy(() -> t.fazt.aliases().swap("alpha", "nope")).hasMessageContaining("no alias 'nope'");
    }

    @Test
    void onlyAnAdminMayDeployTheSystemAppsFromAZip() {
        byte[] page = zip(Map.of("index.html", "mine"));
        assertThatThrownBy(() -> apps.deployZip(page, "ROOT", null, Scope.DEPLOY))
                .isInstanceOf(FaztException.class)
                .satisfies(e -> assertThat(((FaztException) e).kind()).isEqualTo(FaztException.Kind.FORBIDDEN))
                .hasMessage("'root' is a system app (the instance's own pages); deploying it needs an admin key");
        byte[] named = zip(Map.of("manifest.json", "{\"name\":\"404\"}", "index.html", "lost"));
        assertThatThrownBy(() -> apps.deployZip(named, null, null, Scope.DEPLOY)).hasMessageContaining("'404' is a system app");
        assertThat(apps.deployZip(page, "root", null, Scope.ADMIN).version()).isEqualTo(2);
        assertThat(apps.deployZip(page, "blog", null, Scope.DEPLOY).app()).isEqualTo("blog");
    }

    @Test
    void zipDeploysFollowTheLimitsInTheSettings() {
        try (TempFazt small = new TempFazt(Map.of("max_files", "1"))) {
            Apps a = small.fazt.apps();
            assertThat(a.limits().maxFiles()).isEqualTo(1);
            assertThatThrownBy(() -> a.deployZip(zip(Map.of("a.txt", "a", "b.txt", "b")), "two", null, Scope.ADMIN))
                    .isInstanceOf(FaztException.class).hasMessageContaining("too many files: the limit is 1");
            assertThat(a.find("two")).isEmpty();
        }
    }
}
