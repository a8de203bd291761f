package fazt.core.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which app name a deploy of a folder asks for. */
class DeployInputTest {
    @TempDir
    Path dir;

    private Path folder(String name, String manifest) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve("index.html"), "hi");
        if (manifest != null) Files.writeString(d.resolve("manifest.json"), manifest);
        return d;
    }

    @Test
    void theFolderNamesTheAppUnlessTheManifestOrTheCallerDoes() throws Exception {
        assertThat(DeployInput.of(folder("My Site", null), null, false).appName()).isEqualTo("my-site");
        assertThat(DeployInput.of(folder("cron", "{\"schedules\": []}"), null, false).appName()).isEqualTo("cron");
        assertThat(DeployInput.of(folder("named", "{\"name\": \"blog\"}"), null, false).appName()).isNull();
        assertThat(DeployInput.of(folder("broken", "{not json"), null, false).appName()).as("the deploy reports the JSON error").isNull();
        assertThat(DeployInput.of(folder("given", "{\"schedules\": []}"), "chosen", false).appName()).isEqualTo("chosen");
    }
}
