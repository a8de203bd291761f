package fazt.core.templates;

import fazt.core.FaztException;
import fazt.core.ShippedFiles;
import fazt.core.apps.AppNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The app templates shipped in the jar ({@code fazt app create}, the desktop's and the
 * dashboard's "New app", the MCP {@code create_app} tool). Each is a ready-to-deploy folder under
 * {@code /fazt/templates/<name>/}, listed in its {@code files.txt}; {@code {{name}}} in a file
 * becomes the app's name. None loads anything from another site, so every one works offline.
 */
public final class Templates {
    /** One template: its name and what it gives you, in a line. */
    public record Template(String name, String description) {}

    public static final String DEFAULT = "static";

    private static final List<Template> ALL = List.of(
            new Template("static", "one page and a stylesheet"),
            new Template("spa", "a single-page app with client-side routes (/about, /items/42)"),
            new Template("api", "a page and a CRUD function on the app's document store, with validation and error answers"),
            new Template("auth", "sign-in with the instance's providers, a per-user list of notes and a private page"),
            new Template("realtime", "a chat: each message pushed to every open page over /_ws, an hourly clean-up on a schedule"));

    private static final String ROOT = "/fazt/templates/";

    private Templates() {}

    public static List<Template> all() {
        return ALL;
    }

    /** The template called {@code name}; an unknown one is an error that lists the known ones. */
    public static Template get(String name) {
        for (Template t : ALL) if (t.name().equals(name)) return t;
        throw new FaztException(FaztException.Kind.INVALID, "UNKNOWN_TEMPLATE", "unknown template '" + name + "'; the templates are: "
                + String.join(", ", ALL.stream().map(Template::name).toList()));
    }

    /** The files of {@code template} for an app called {@code appName}: path → bytes, in the listed order. */
    public static Map<String, byte[]> files(String template, String appName) {
        String dir = ROOT + get(template).name() + "/";
        AppNames.checkDeployable(appName);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String path : listed(dir)) {
            String text = new String(ShippedFiles.read(dir + path), StandardCharsets.UTF_8);
            if (path.equals("manifest.json") && !text.contains("{{name}}")) text = named(text, appName);
            files.put(path, text.replace("{{name}}", appName).getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    /**
     * A manifest without a {@code {{name}}} to fill (the realtime template is the chat of
     * {@code examples/}, deployable as it is, so its manifest names no app) gets the name first.
     */
    private static String named(String manifest, String appName) {
        int open = manifest.indexOf('{');
        if (open < 0) throw new IllegalStateException("a shipped template's manifest.json is not a JSON object");
        boolean empty = manifest.substring(open + 1).strip().startsWith("}");
        // the name is checked ([a-z0-9-]), so it needs no escaping
        return manifest.substring(0, open + 1) + "\n  \"name\": \"" + appName + "\"" + (empty ? "\n" : ",") + manifest.substring(open + 1);
    }

    /** The files as a zip, ready for {@link fazt.core.Node#deploy}. */
    public static byte[] zip(String template, String appName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> f : files(template, appName).entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Writes the files into {@code folder}, creating it; a folder that already holds anything is
     * refused, so nothing of the person's is ever overwritten. Returns the paths written.
     */
    public static List<String> write(String template, String appName, Path folder) {
        Map<String, byte[]> files = files(template, appName);
        if (Files.isRegularFile(folder)) throw FaztException.invalid(folder + " is a file, not a folder");
        if (Files.isDirectory(folder)) {
            try (Stream<Path> inside = Files.list(folder)) {
                if (inside.findAny().isPresent()) {
                    throw FaztException.conflict(folder + " is not empty; choose a new folder (nothing was written)");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + folder + ": " + e.getMessage(), e);
            }
        }
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path target = folder.resolve(f.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder + ": " + e.getMessage(), e);
        }
        return List.copyOf(files.keySet());
    }

    private static List<String> listed(String dir) {
        String text = new String(ShippedFiles.read(dir + "files.txt"), StandardCharsets.UTF_8);
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
