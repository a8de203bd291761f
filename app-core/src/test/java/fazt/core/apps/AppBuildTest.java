package fazt.core.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppBuildTest {
    @TempDir
    Path dir;

    @Test
    void theLockfileNamesThePackageManagerAndTheManifestTheOutput() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        assertThat(AppBuild.wanted(app)).isFalse();
        Files.writeString(app.resolve("package.json"), "{\"scripts\": {\"dev\": \"vite\"}}");
        assertThat(AppBuild.wanted(app)).as("no build script").isFalse();
        Files.writeString(app.resolve("package.json"), "{\"scripts\": {\"build\": \"vite build\"}}");
        assertThat(AppBuild.wanted(app)).isTrue();

        assertThat(AppBuild.packageManager(app)).isEqualTo("npm");
        Files.writeString(app.resolve("yarn.lock"), "");
        assertThat(AppBuild.packageManager(app)).isEqualTo("yarn");
        Files.writeString(app.resolve("bun.lockb"), "");
        Files.delete(app.resolve("yarn.lock"));
        assertThat(AppBuild.packageManager(app)).isEqualTo("bun");
        Files.writeString(app.resolve("pnpm-lock.yaml"), "");
        assertThat(AppBuild.packageManager(app)).isEqualTo("pnpm");

        assertThat(AppBuild.output(app)).isEqualTo(app.resolve("dist"));
        Files.writeString(app.resolve("manifest.json"), "{\"build\": {\"output\": \"build/web/\"}}");
        assertThat(AppBuild.output(app)).isEqualTo(app.resolve("build/web"));
        Files.writeString(app.resolve("manifest.json"), "{\"build\": {\"output\": \"../../etc\"}}");
        assertThatThrownBy(() -> AppBuild.output(app)).hasMessageContaining("inside the app folder");
    }

    @Test
    void aPackageManagerIsLookedForOnThePath() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve("package.json"), "{\"scripts\": {\"build\": \"x\"}}");
        Files.writeString(app.resolve("pnpm-lock.yaml"), "");
        assertThat(AppBuild.plan(app, bin.toString())).as("pnpm is not there").isEmpty();
        Path pnpm = Files.writeString(bin.resolve("pnpm"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(pnpm, PosixFilePermissions.fromString("rwxr-xr-x"));
        AppBuild.Plan plan = AppBuild.plan(app, dir.resolve("nowhere") + File.pathSeparator + bin).orElseThrow();
        assertThat(plan.command()).containsExactly(pnpm.toString(), "run", "build");
        assertThat(plan.output()).isEqualTo(app.resolve("dist"));
    }
}
