package fazt.server.cli;

import fazt.core.schedules.ScheduleInfo;
import fazt.core.schedules.ScheduleRun;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fazt app schedules NAME} and {@code fazt app run NAME PATH}: an app's scheduled jobs. */
final class ScheduleCommands {
    private ScheduleCommands() {}

    @Command(name = "schedules", description = "List an app's scheduled jobs with their last and next runs.",
            mixinStandardHelpOptions = true)
    static final class ListSchedules implements Callable<Integer> {
        @Mixin PeerOptions instance;
        @Parameters(paramLabel = "NAME") String app;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return instance.show(spec.commandLine().getOut(), n -> n.schedules(app), (out, jobs) -> {
                if (jobs.isEmpty()) {
                    out.println(app + " has no scheduled jobs (\"schedules\" in manifest.json)");
                    return;
                }
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"PATH", "CRON", "TZ", "LAST RUN", "RESULT", "NEXT RUN"});
                for (ScheduleInfo j : jobs) {
                    rows.add(new String[] {j.path(), j.cron() + (j.catchUp() ? "" : " (no catch-up)"), j.tz(),
                            j.lastRunAt() == null ? "never" : Output.time(j.lastRunAt()), result(j),
                            j.nextRunAt() == null ? "never" : Output.time(j.nextRunAt())});
                }
                Output.table(out, rows);
            });
        }

        private static String result(ScheduleInfo j) {
            if (j.running()) return "running";
            if (j.lastOutcome() == null) return "";
            return j.lastOutcome() + " (" + j.lastStatus() + ", " + j.lastDurationMs() + " ms, " + j.lastTrigger() + ")";
        }
    }

    @Command(name = "run", description = "Run one of an app's scheduled jobs now and wait for it.", mixinStandardHelpOptions = true)
    static final class RunSchedule implements Callable<Integer> {
        @Mixin PeerOptions instance;
        @Parameters(index = "0", paramLabel = "NAME") String app;
        @Parameters(index = "1", paramLabel = "PATH", description = "The job's path, as in manifest.json (/api/…).") String path;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (InstanceOptions.Connection c = instance.connect()) {
                ScheduleRun r = c.node().runSchedule(app, path);
                if (instance.json) {
                    Output.json(out, r);
                } else {
                    out.println("ran " + r.path() + " of " + app + ": " + r.outcome() + ", " + r.status() + " in " + r.durationMs() + " ms");
                    if (!r.outcome().equals("ok")) out.println("see 'fazt app logs " + app + "' (request " + r.requestId() + ")");
                }
                return r.outcome().equals("ok") ? 0 : 1;
            }
        }
    }
}
