package fazt.server.cli;

import fazt.core.Node;
import fazt.core.apps.AppInfo;
import fazt.core.apps.DeployResult;
import fazt.core.apps.FileInfo;
import fazt.core.apps.DeployInput;
import fazt.core.apps.VersionInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fazt app …}: deploy and manage apps. */
@Command(name = "app", description = "Deploy and manage apps.", mixinStandardHelpOptions = true,
        subcommands = {AppCommands.Deploy.class, AppCommands.ListApps.class, AppCommands.Info.class, AppCommands.ListFiles.class,
                AppCommands.Versions.class, AppCommands.Rollback.class, AppCommands.Remove.class,
                LogsCommand.class, EnvCommands.class, ScheduleCommands.ListSchedules.class, ScheduleCommands.RunSchedule.class})
final class AppCommands {
    /** Uploads past this size show a progress line. */
    private static final long PROGRESS_FROM = 1024 * 1024;

    @Command(name = "deploy", description = "Deploy a folder or a zip as a new version of an app.", mixinStandardHelpOptions = true)
    static final class Deploy implements Callable<Integer> {
        @Mixin PeerOptions instance;
        @Parameters(paramLabel = "DIR|ZIP", description = "The folder (or .zip) to deploy.") Path source;
        @Option(names = "--name", description = "App name (default: the manifest's name, else the folder's name).") String name;
        @Option(names = "--spa", description = "Serve index.html for unknown extensionless paths.") Boolean spa;
        @Option(names = "--include-private", description = "Deploy private/ even when .gitignore lists it.") boolean includePrivate;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            DeployInput input = DeployInput.of(source, name, includePrivate);
            input.warnings().forEach(w -> err.println("warning: " + w));
            byte[] zip = input.zip();
            LongConsumer progress = zip.length >= PROGRESS_FROM && !instance.json ? progressLine(err, zip.length) : n -> {};
            try (InstanceOptions.Connection c = instance.connect()) {
                DeployResult r = c.node().deploy(input.appName(), zip, spa, progress);
                if (zip.length >= PROGRESS_FROM && !instance.json) err.println();
                if (instance.json) {
                    Output.json(out, r);
                } else {
                    out.println("deployed " + r.app() + " version " + r.version() + " (" + r.fileCount() + " files, "
                            + Output.bytes(r.sizeBytes()) + ")");
                    out.println("open " + c.appUrl(r.app()));
                }
            }
            return 0;
        }

        /** Prints the line again only when the percentage changes (the client reports every 16 KB sent). */
        private static LongConsumer progressLine(PrintWriter err, long total) {
            long[] shown = {-1};
            return sent -> {
                long percent = sent * 100 / total;
                if (percent == shown[0]) return;
                shown[0] = percent;
                err.print(String.format(Locale.ROOT, "\ruploading %3d%% (%s of %s)", percent,
                        Output.bytes(sent), Output.bytes(total)));
                err.flush();
            };
        }
    }

    @Command(name = "list", description = "List apps.", mixinStandardHelpOptions = true)
    static final class ListApps implements Callable<Integer> {
        @Mixin PeerOptions instance;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return instance.show(spec.commandLine().getOut(), Node::apps, (out, apps) -> {
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"NAME", "VERSION", "FILES", "SIZE", "UPDATED", "ALIASES"});
                for (AppInfo a : apps) {
                    rows.add(new String[] {a.name(), String.valueOf(a.activeVersion()), String.valueOf(a.fileCount()),
                            Output.bytes(a.sizeBytes()), Output.time(a.updatedAt()), String.join(",", a.aliases())});
                }
                Output.table(out, rows);
            });
        }
    }

    @Command(name = "info", description = "Show one app.", mixinStandardHelpOptions = true)
    static final class Info implements Callable<Integer> {
        @Mixin PeerOptions instance;
        @Parameters(paramLabel = "NAME") String app;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return instance.show(spec.commandLine().getOut(), n -> n.app(app), (out, a) -> {
                out.println("name     " + a.name());
                out.println("id       " + a.id());
                out.println("version  " + a.activeVersion());
                out.println("files    " + a.fileCount() + " (" + Output.bytes(a.sizeBytes()) + ")");
                out.println("spa      " + a.spa());
                out.println("aliases  " + String.join(", ", a.aliases()));
                out.println("live     " + a.connections() + " open /_ws " + (a.connections() == 1 ? "connection" : "connections"));
                out.println("created  " + Output.time(a.createdAt()));
                out.println("updated  " + Output.time(a.updatedAt()));
            });
        }
    }

    @Command(name = "files", description = "List the files of an app's active version.", mixinStandardHelpOptions = true)
    static final class ListFiles implements Callable<Integer> {
        @Mixin PeerOptions instance;
        @Parameters(paramLabel = "NAME") String app;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return instance.show(spec.commandLine().getOut(), n -> n.files(app), (out, files) -> {
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"PATH", "SIZE", "TYPE", "SHA-256"});
                for (FileInfo f : files) rows.add(new String[] {f.path(), Output.bytes(f.size()), f.mime(), f.hash().substring(0, 12)});
                Output.table(out, rows);
            });
        }
    }

    @Command(name = "versions", description = "List the kept versions of an app.", mixinStandardHelpOptions = true)
    static final class Versions implements Callable<Integer> {
        @Mixin PeerOptions instance;
        @Parameters(paramLabel = "NAME") String app;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return instance.show(spec.commandLine().getOut(), n -> n.versions(app), (out, versions) -> {
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"VERSION", "DEPLOYED", "FILES", "SIZE", ""});
                for (VersionInfo v : versions) {
                    rows.add(new String[] {String.valueOf(v.version()), Output.time(v.createdAt()), String.valueOf(v.fileCount()),
                            Output.bytes(v.sizeBytes()), v.active() ? "active" : ""});
                }
                Output.table(out, rows);
            });
        }
    }

    @Command(name = "rollback", description = "Make an older version active (default: the one before the active one).",
            mixinStandardHelpOptions = true)
    static final class Rollback implements Callable<Integer> {
        @Mixin PeerOptions instance;
        @Parameters(paramLabel = "NAME") String app;
        @Option(names = "--version", description = "The version to activate.") Integer version;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (InstanceOptions.Connection c = instance.connect()) {
                VersionInfo v = c.node().rollback(app, version);
                if (instance.json) Output.json(out, v);
                else out.println(app + " now serves version " + v.version());
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Delete an app, all its versions and its aliases.", mixinStandardHelpOptions = true)
    static final class Remove implements Callable<Integer> {
        @Mixin PeerOptions instance;
        @Parameters(paramLabel = "NAME") String app;
        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.") boolean yes;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            if (!yes && !Confirm.ask(spec, "Delete " + app + " with all its versions and aliases?")) {
                spec.commandLine().getErr().println("not deleted (pass --yes to skip this question)");
                return 1;
            }
            try (InstanceOptions.Connection c = instance.connect()) {
                c.node().removeApp(app);
                if (instance.json) Output.json(out, Map.of("deleted", app));
                else out.println("deleted " + app);
            }
            return 0;
        }
    }
}
