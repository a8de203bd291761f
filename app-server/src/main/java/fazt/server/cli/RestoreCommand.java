package fazt.server.cli;

import fazt.core.DataPaths;
import fazt.core.backup.Restore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fazt restore FILE}: a backup in the place of data.db; the rules are {@link Restore}'s. */
@Command(name = "restore", description = "Put a backup (FILE) in the place of data.db. The current data.db is kept beside it as "
        + "data.db.before-restore-<time>. Stop the instance first.", mixinStandardHelpOptions = true)
final class RestoreCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A backup: a data.db file from 'fazt backup', the dashboard, a scheduled backup "
            + "or a peer's peer-backups folder.") Path file;
    @Option(names = "--data", description = "Path of data.db or its folder to restore into (env FAZT_DATA).") String data;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path target = DataPaths.resolve(data, System.getenv());
        Restore.Restored done = Restore.run(file, target, Clock.systemUTC());
        PrintWriter out = spec.commandLine().getOut();
        out.println("restored " + done.dataFile() + " from " + file.toAbsolutePath() + " (" + Output.bytes(done.bytes())
                + ", schema version " + done.schemaVersion() + ")");
        out.println(done.keptAside() == null ? "there was no data.db before" : "the previous data.db is kept as " + done.keptAside());
        out.println("start fazt to serve it");
        return 0;
    }
}
