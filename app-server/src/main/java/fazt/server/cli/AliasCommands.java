package fazt.server.cli;

import fazt.core.apps.Alias;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fazt alias …}: subdomain labels. */
@Command(name = "alias", description = "Manage subdomain aliases.", mixinStandardHelpOptions = true,
        subcommands = {AliasCommands.ListAliases.class, AliasCommands.Set.class, AliasCommands.Remove.class, AliasCommands.Swap.class})
final class AliasCommands {

    @Command(name = "list", description = "List aliases.", mixinStandardHelpOptions = true)
    static final class ListAliases implements Callable<Integer> {
        @Mixin PeerOptions instance;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (InstanceOptions.Connection c = instance.connect()) {
                List<Alias> aliases = c.node().aliases();
                if (instance.json) {
                    Output.json(out, aliases);
                    return 0;
                }
                Map<String, String> names = new java.util.HashMap<>();
                c.node().apps().forEach(a -> names.put(a.id(), a.name()));
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"SUBDOMAIN", "TYPE", "TARGET"});
                for (Alias a : aliases) {
                    String t = a.target() == null ? "" : Alias.APP.equals(a.type()) ? names.getOrDefault(a.target(), a.target()) : a.target();
                    rows.add(new String[] {a.subdomain(), a.type(), t});
                }
                Output.table(out, rows);
            }
            return 0;
        }
    }

    @Command(name = "set", description = "Point a subdomain at an app, a redirect URL, or reserve it.", mixinStandardHelpOptions = true)
    static final class Set implements Callable<Integer> {
        @Mixin PeerOptions instance;
        @Parameters(index = "0", paramLabel = "SUBDOMAIN") String subdomain;
        @Parameters(index = "1", paramLabel = "TARGET", arity = "0..1", description = "App name or id; URL for redirect.") String to;
        @Option(names = "--type", defaultValue = "app", description = "app, redirect or reserved (default app).") String type;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (InstanceOptions.Connection c = instance.connect()) {
                Alias a = c.node().setAlias(subdomain, type, to);
                if (instance.json) Output.json(out, a);
                else out.println(a.subdomain() + " -> " + a.type() + (to == null ? "" : " " + to));
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove an alias.", mixinStandardHelpOptions = true)
    static final class Remove implements Callable<Integer> {
        @Mixin PeerOptions instance;
        @Parameters(paramLabel = "SUBDOMAIN") String subdomain;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (InstanceOptions.Connection c = instance.connect()) {
                c.node().removeAlias(subdomain);
                spec.commandLine().getOut().println("removed " + subdomain);
            }
            return 0;
        }
    }

    @Command(name = "swap", description = "Exchange what two aliases point at, atomically.", mixinStandardHelpOptions = true)
    static final class Swap implements Callable<Integer> {
        @Mixin PeerOptions instance;
        @Parameters(index = "0", paramLabel = "A") String a;
        @Parameters(index = "1", paramLabel = "B") String b;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (InstanceOptions.Connection c = instance.connect()) {
                c.node().swapAliases(a, b);
                spec.commandLine().getOut().println("swapped " + a + " and " + b);
            }
            return 0;
        }
    }
}
