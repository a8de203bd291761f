package fazt.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import fazt.core.FaztException;
import fazt.core.Json;
import fazt.core.LocalNode;
import fazt.core.Node;
import fazt.core.logs.LogLine;
import fazt.core.logs.LogStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fazt app logs NAME [-f]}: what an app's functions logged (SPEC §4.4). */
@Command(name = "logs", description = "Show what an app's functions logged, oldest first; -f keeps printing new lines.",
        mixinStandardHelpOptions = true)
final class LogsCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    @Mixin PeerOptions instance;
    @Parameters(paramLabel = "NAME") String app;
    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until Ctrl-C (needs a running instance).") boolean follow;
    @Option(names = "-n", paramLabel = "N", defaultValue = "100", description = "How many of the newest lines to show first (default 100, at most 1000).")
    int count;
    @Option(names = "--level", paramLabel = "L", description = "Only lines at or above this level: debug, info, warn or error.") String level;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (count < 0) throw FaztException.invalid("-n must be 0 or more, not " + count);
        PrintWriter out = spec.commandLine().getOut();
        try (InstanceOptions.Connection c = instance.connect()) {
            if (follow && c.node() instanceof LocalNode) {
                throw FaztException.invalid("-f needs a running instance: nothing serves " + instance.dataFile()
                        + ", so no new lines can come; start it with 'fazt server start', or leave out -f");
            }
            // with -n 0 one line is still fetched, unprinted, so that following starts after it
            List<LogLine> newest = c.node().logs(app, level, Math.max(count, 1));
            AtomicLong printed = new AtomicLong(newest.isEmpty() ? 0 : newest.get(0).id());
            for (int i = Math.min(count, newest.size()) - 1; i >= 0; i--) print(out, newest.get(i));
            out.flush();
            if (follow) follow(c.node(), out, printed);
        }
        return 0;
    }

    private void follow(Node node, PrintWriter out, AtomicLong printed) {
        try (LogStream stream = node.streamLogs(app, level, line -> {
            if (line.id() <= printed.get()) return; // the stream starts with stored lines, some printed above
            printed.set(line.id());
            print(out, line);
            out.flush();
        })) {
            stream.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // whoever ran the command stopped it: the normal end of following
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
    }

    private void print(PrintWriter out, LogLine line) {
        if (instance.json) {
            try {
                out.println(Json.MAPPER.writeValueAsString(line)); // one object per line, so -f output can be piped
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out.println(TIME.format(Instant.ofEpochMilli(line.time())) + " " + String.format(Locale.ROOT, "%-5s", line.level())
                    + " [v" + line.version() + "] " + line.message());
        }
    }
}
