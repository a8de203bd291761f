package fazt.server.cli;

import fazt.core.analytics.Count;
import fazt.core.analytics.Periods;
import fazt.core.analytics.StatsSummary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fazt stats [APP]}: visits and events (SPEC §7), of one app or of all. */
@Command(name = "stats", description = "Show analytics: events, pageviews and visitors today, 7 and 30 days, and the top"
        + " apps, paths, referrers and events of the last 30 days.", mixinStandardHelpOptions = true)
final class StatsCommand implements Callable<Integer> {
    @Mixin InstanceOptions instance;
    @Parameters(paramLabel = "APP", arity = "0..1", description = "An app's name or id (default: every app).") String app;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return instance.show(spec.commandLine().getOut(), n -> n.stats(app), StatsCommand::print);
    }

    private static void print(PrintWriter out, StatsSummary s) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "TODAY", "7 DAYS", "30 DAYS", "ALL"});
        rows.add(row("pageviews", s.pageviews()));
        rows.add(row("visitors", s.visitors()));
        rows.add(row("events", s.events()));
        Output.table(out, rows);
        breakdown(out, "apps", s.byApp(), true);
        breakdown(out, "paths", s.byPath(), false);
        breakdown(out, "referrers", s.byReferrer(), false);
        breakdown(out, "events", s.byEvent(), false);
    }

    private static String[] row(String name, Periods p) {
        return new String[] {name, String.valueOf(p.today()), String.valueOf(p.last7Days()), String.valueOf(p.last30Days()),
                String.valueOf(p.all())};
    }

    private static void breakdown(PrintWriter out, String title, List<Count> counts, boolean apps) {
        if (counts.isEmpty()) return;
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {title.toUpperCase(java.util.Locale.ROOT) + " (30 DAYS)", "COUNT"});
        for (Count c : counts) {
            String label = apps ? (c.name() != null ? c.name() : c.key() != null ? c.key() : "(no app)") : c.key();
            rows.add(new String[] {label, String.valueOf(c.count())});
        }
        Output.table(out, rows);
    }
}
