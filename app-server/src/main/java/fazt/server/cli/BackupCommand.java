package fazt.server.cli;

import fazt.core.FaztException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fazt backup FILE}: a consistent copy of data.db, also while the instance serves. */
@Command(name = "backup", description = "Write a consistent copy of data.db to FILE (safe while serving).",
        mixinStandardHelpOptions = true)
final class BackupCommand implements Callable<Integer> {
    @Mixin InstanceOptions instance;
    @Parameters(paramLabel = "FILE") Path file;
    @Option(names = "--force", description = "Overwrite FILE if it exists.") boolean force;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path out = file.toAbsolutePath();
        if (Files.exists(out)) {
            if (!force) throw FaztException.conflict(out + " exists; pass --force to overwrite it");
            Files.delete(out);
        }
        try (InstanceOptions.Connection c = instance.connect()) {
            c.node().backup(out);
        }
        spec.commandLine().getOut().println("backup written to " + out + " (" + Output.bytes(Files.size(out)) + ")");
        return 0;
    }
}
