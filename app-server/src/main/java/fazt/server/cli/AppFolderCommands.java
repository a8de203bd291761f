package fazt.server.cli;

import fazt.core.apps.AppCheck;
import fazt.core.apps.DeployFiles;
import fazt.core.templates.Templates;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fazt app create} and {@code fazt app validate}: commands on an app folder on this machine. */
final class AppFolderCommands {
    private AppFolderCommands() {}

    @Command(name = "create", description = "Write a new app folder from a template, ready to deploy.", mixinStandardHelpOptions = true)
    static final class Create implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The app's name.") String app;
        @Parameters(index = "1", arity = "0..1", paramLabel = "DIR", description = "The folder to write (default: ./NAME); it must be new or empty.")
        Path folder;
        @Option(names = {"-t", "--template"}, paramLabel = "T", description = "static, spa, api or auth (default: static).")
        String template = Templates.DEFAULT;
        @Option(names = "--list", description = "List the templates and exit.") boolean list;
        @Option(names = "--json", description = "Print JSON.") boolean json;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (list) {
                if (json) Output.json(out, Templates.all());
                else Templates.all().forEach(t -> out.println(String.format("%-8s %s", t.name(), t.description())));
                return 0;
            }
            Path target = folder != null ? folder : Path.of(app);
            List<String> written = Templates.write(template, app, target);
            if (json) {
                Output.json(out, Map.of("app", app, "template", template, "folder", target.toAbsolutePath().toString(), "files", written));
            } else {
                out.println("created " + target + " from the " + template + " template (" + written.size() + " files)");
                out.println("deploy it with: fazt app deploy " + target);
            }
            return 0;
        }
    }

    @Command(name = "validate", description = "Check an app folder as a deploy would, without deploying: the manifest, "
            + "the syntax of api/*.js, the files left out.", mixinStandardHelpOptions = true)
    static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "The app folder.") Path folder;
        @Option(names = "--include-private", description = "Count private/ in even when .gitignore lists it.") boolean includePrivate;
        @Option(names = "--json", description = "Print JSON.") boolean json;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            AppCheck.Report r = AppCheck.check(folder, includePrivate);
            DeployFiles.Selection files = r.files();
            if (json) {
                Output.json(out, Map.of("ok", r.ok(), "errors", r.errors(), "warnings", r.warnings(),
                        "files", files.files().size(), "skipped", files.skipped()));
            } else {
                r.errors().forEach(e -> err.println("error: " + e));
                r.warnings().forEach(w -> err.println("warning: " + w));
                if (!files.skipped().isEmpty()) err.println(AppCheck.skippedLine(files.skipped()));
                out.println(r.ok() ? "ok: " + files.files().size() + " files would be deployed"
                        : r.errors().size() + (r.errors().size() == 1 ? " error" : " errors") + "; a deploy would stop here");
            }
            return r.ok() ? 0 : 1;
        }
    }
}
