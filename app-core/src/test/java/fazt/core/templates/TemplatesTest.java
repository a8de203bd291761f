package fazt.core.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.core.FaztException;
import fazt.core.apps.AppCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesTest {
    private static final Path SOURCES = Path.of("src/main/resources/fazt/templates");
    /** Anything fetched from another site: a template must work offline. */
    private static final Pattern REMOTE = Pattern.compile("(src|href)=\"(https?:)?//|@import\\s+url\\(\"?(https?:)?//|url\\((https?:)?//");

    @TempDir
    Path dir;

    @Test
    void everyTemplateListsExactlyTheFilesItShips() throws Exception {
        assertThat(Templates.all()).extracting(Templates.Template::name).containsExactly("static", "spa", "api", "auth", "realtime");
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            assertThat(dirs.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("api", "auth", "realtime", "spa", "static");
        }
        for (Templates.Template t : Templates.all()) {
            List<String> onDisk;
            Path source = sourceOf(t.name());
            try (Stream<Path> walk = Files.walk(source)) {
                onDisk = walk.filter(Files::isRegularFile).map(p -> source.relativize(p).toString().replace('\\', '/'))
                        .filter(p -> !p.equals("files.txt")).sorted().toList();
            }
            assertThat(Templates.files(t.name(), "demo").keySet()).as(t.name()).containsExactlyInAnyOrderElementsOf(onDisk);
        }
    }

    /** Where a template's files are kept: the realtime one is examples/chat (its folder here holds files.txt only). */
    private static Path sourceOf(String template) {
        return template.equals("realtime") ? Path.of("../examples/chat") : SOURCES.resolve(template);
    }

    @Test
    void theNameIsFilledInAndNothingComesFromTheNetwork() {
        for (Templates.Template t : Templates.all()) {
            Map<String, byte[]> files = Templates.files(t.name(), "my-notes");
            String manifest = new String(files.get("manifest.json"), StandardCharsets.UTF_8);
            assertThat(manifest).as(t.name()).contains("\"name\": \"my-notes\"");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                String text = new String(f.getValue(), StandardCharsets.UTF_8);
                assertThat(text).as(t.name() + "/" + f.getKey()).doesNotContain("{{name}}");
                assertThat(REMOTE.matcher(text).find()).as(t.name() + "/" + f.getKey() + " loads something remote").isFalse();
            }
        }
    }

    @Test
    void writtenTemplatesPassTheirOwnCheck() {
        for (Templates.Template t : Templates.all()) {
            Path folder = dir.resolve(t.name());
            Templates.write(t.name(), "check-" + t.name(), folder);
            AppCheck.Report r = AppCheck.check(folder, false);
            assertThat(r.errors()).as(t.name()).isEmpty();
            assertThat(r.warnings()).as(t.name()).isEmpty();
        }
    }

    @Test
    void refusesUnknownTemplatesBadNamesAndNonEmptyFolders() throws Exception {
        assertThatThrownBy(() -> Templates.get("blog")).isInstanceOf(FaztException.class)
                .hasMessage("unknown template 'blog'; the templates are: static, spa, api, auth, realtime");
        assertThatThrownBy(() -> Templates.files("static", "Bad Name")).hasMessageContaining("invalid name");
        Path used = dir.resolve("used");
        Files.createDirectories(used);
        Files.writeString(used.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> Templates.write("static", "used", used)).hasMessageContaining("is not empty");
        assertThat(Files.readString(used.resolve("keep.txt"))).isEqualTo("mine");
        assertThat(used.resolve("index.html")).doesNotExist();

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(Templates.write("api", "fresh", empty)).contains("api/main.js", "index.html");
    }
}
