package fazt.server.mcp;

import fazt.core.FaztException;
import fazt.core.Node;
import fazt.core.templates.Templates;
import fazt.core.apps.DeployResult;
import fazt.core.apps.FolderZip;
import fazt.core.identity.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The tools that look at and change apps: list, create, edit, deploy, roll back, delete. */
final class AppTools {
    private final Node node;
    private final WorkingCopies copies;
    private final boolean folderDeploys;

    /** {@code folderDeploys}: {@code deploy} may read a folder on this machine (only {@code fazt mcp} over stdio). */
    AppTools(Node node, WorkingCopies copies, boolean folderDeploys) {
        this.node = node;
        this.copies = copies;
        this.folderDeploys = folderDeploys;
    }

    List<FaztTool> tools() {
        InputSchema app = InputSchema.object().text("app", "The app's name.", true);
        return List.of(
                FaztTool.reading("list_apps", "List every app with its active version, size and aliases.",
                        InputSchema.object(), Scope.READ, (a, c) -> Map.of("apps", node.apps())),
                FaztTool.reading("app_info", "Show one app: active version, file count, size, aliases, and its files.",
                        app, Scope.READ, (a, c) -> appInfo(a.requiredText("app"))),
                FaztTool.reading("list_versions", "List an app's kept versions, newest first; the active one is marked.",
                        app, Scope.READ, (a, c) -> Map.of("versions", node.versions(a.requiredText("app")))),
                FaztTool.changing("create_app", "Create a new app from a template and deploy it as version 1; its files become the working copy.",
                        InputSchema.object().text("app", "The new app's name (letters, digits, hyphens).", true)
                                .choice("template", "The template to start from (default " + Templates.DEFAULT + ").",
                                        Templates.all().stream().map(Templates.Template::name).toList(), false),
                        Scope.DEPLOY, false, false, (a, c) -> createApp(a.requiredText("app"), a.text("template"))),
                FaztTool.changing("write_files", "Write or remove text files in the app's working copy; nothing is live until deploy.",
                        InputSchema.object().text("app", "The app's name (a new name starts an empty working copy).", true)
                                .textMap("files", "Relative path → full new content, e.g. {\"index.html\": \"<h1>Hi</h1>\", \"api/main.js\": \"respond({ok: true})\"}.", false)
                                .textList("remove", "Relative paths of files to remove.", false),
                        Scope.DEPLOY, false, true, (a, c) -> copies.write(a.requiredText("app"), a.textMap("files"), a.textList("remove"))),
                FaztTool.changing("deploy", folderDeploys
                                ? "Deploy the app's working copy, or a folder on this machine (folder), as one new active version."
                                : "Deploy the app's working copy as one new active version.",
                        folderDeploys ? InputSchema.object().text("app", "The app's name.", true)
                                .text("folder", "Absolute path of a folder to deploy instead of the working copy.", false) : app,
                        Scope.DEPLOY, false, false, (a, c) -> deploy(a.requiredText("app"), a.text("folder"))),
                FaztTool.changing("rollback", "Make an earlier version active again (default: the one before the active one).",
                        InputSchema.object().text("app", "The app's name.", true)
                                .number("version", "The version to activate (see list_versions).", false),
                        Scope.DEPLOY, false, true, (a, c) -> node.rollback(a.requiredText("app"), a.number("version"))),
                FaztTool.changing("delete_app", "Delete an app with all its versions and data; give its name twice (app and confirm).",
                        InputSchema.object().text("app", "The app's name.", true)
                                .text("confirm", "The app's name again, to confirm.", true),
                        Scope.ADMIN, true, true, (a, c) -> deleteApp(a.requiredText("app"), a.requiredText("confirm"))));
    }

    private Map<String, Object> appInfo(String app) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("app", node.app(app));
        out.put("files", node.app(app).activeVersion() == null ? List.of() : node.files(app));
        out.put("workingCopy", copies.list(app));
        return out;
    }

    private DeployResult createApp(String app, String template) {
        DeployResult created = node.createFromTemplate(app, template == null || template.isBlank() ? Templates.DEFAULT : template);
        copies.forget(created.app());
        return created;
    }

    private DeployResult deploy(String app, String folder) {
        if (folder == null || folder.isBlank()) return copies.deploy(app);
        if (!folderDeploys) {
            throw FaztException.invalid("folder deploys are only for 'fazt mcp' on the same machine; write_files then deploy instead");
        }
        Path dir = Path.of(folder);
        if (!dir.isAbsolute()) throw FaztException.invalid("folder must be an absolute path, not '" + folder + "'");
        refuseLinksOutside(dir);
        return node.deploy(app, FolderZip.zip(dir, false).zip(), null, n -> {});
    }

    /** A deploy reads only inside the folder: a link that leads out of it stops the deploy. */
    private static void refuseLinksOutside(Path dir) {
        if (!Files.isDirectory(dir)) throw FaztException.invalid(dir + " is not a folder");
        try (Stream<Path> walk = Files.walk(dir)) {
            Path root = dir.toRealPath();
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isSymbolicLink(p) && !p.toRealPath().startsWith(root)) {
                    throw FaztException.invalid(dir.relativize(p) + " links outside the folder; deploys never read outside it");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> deleteApp(String app, String confirm) {
        if (!app.equals(confirm)) throw FaztException.invalid("confirm must repeat the app's name exactly ('" + app + "')");
        node.removeApp(app);
        copies.forget(app);
        return Map.of("deleted", app);
    }
}
