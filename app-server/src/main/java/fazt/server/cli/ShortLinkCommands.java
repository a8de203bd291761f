package fazt.server.cli;

import fazt.core.analytics.ShortLink;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fazt redirect …}: short links, {@code /r/SLUG} on any host (SPEC §7). */
@Command(name = "redirect", description = "Manage short links: /r/SLUG on any host sends visitors to a URL and counts clicks.",
        mixinStandardHelpOptions = true,
        subcommands = {ShortLinkCommands.ListLinks.class, ShortLinkCommands.Set.class, ShortLinkCommands.Remove.class})
final class ShortLinkCommands {

    @Command(name = "list", description = "List the short links with their clicks.", mixinStandardHelpOptions = true)
    static final class ListLinks implements Callable<Integer> {
        @Mixin InstanceOptions instance;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return instance.show(spec.commandLine().getOut(), n -> n.shortLinks(), ListLinks::print);
        }

        private static void print(PrintWriter out, List<ShortLink> links) {
            if (links.isEmpty()) {
                out.println("no short links; add one with 'fazt redirect set SLUG URL'");
                return;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"SLUG", "CLICKS", "URL"});
            for (ShortLink r : links) rows.add(new String[] {r.slug(), String.valueOf(r.clicks()), r.destination()});
            Output.table(out, rows);
        }
    }

    @Command(name = "set", description = "Create a short link or point it elsewhere (SLUG: a-z, 0-9, '-'; URL: http or https).",
            mixinStandardHelpOptions = true)
    static final class Set implements Callable<Integer> {
        @Mixin InstanceOptions instance;
        @Parameters(index = "0", paramLabel = "SLUG") String slug;
        @Parameters(index = "1", paramLabel = "URL") String url;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (InstanceOptions.Connection c = instance.connect()) {
                ShortLink r = c.node().setShortLink(slug, url);
                if (instance.json) Output.json(out, r);
                else out.println("/r/" + r.slug() + " now sends visitors to " + r.destination());
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove a short link.", mixinStandardHelpOptions = true)
    static final class Remove implements Callable<Integer> {
        @Mixin InstanceOptions instance;
        @Parameters(paramLabel = "SLUG") String slug;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (InstanceOptions.Connection c = instance.connect()) {
                c.node().removeShortLink(slug);
                if (instance.json) Output.json(out, Map.of("deleted", slug));
                else out.println("removed /r/" + slug);
            }
            return 0;
        }
    }
}
