package fazt.server.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fazt app env …}: an app's env vars, {@code fazt.env} in its functions (SPEC §4.2). */
@Command(name = "env", description = "Manage an app's env vars (fazt.env in its functions).", mixinStandardHelpOptions = true,
        subcommands = {EnvCommands.Set.class, EnvCommands.ListVars.class, EnvCommands.Remove.class})
final class EnvCommands {

    @Command(name = "set", description = "Set an env var (KEY like API_KEY; VALUE at most 32 KB).", mixinStandardHelpOptions = true)
    static final class Set implements Callable<Integer> {
        @Mixin PeerOptions instance;
        @Parameters(index = "0", paramLabel = "APP") String app;
        @Parameters(index = "1", paramLabel = "KEY") String key;
        @Parameters(index = "2", paramLabel = "VALUE") String value;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (InstanceOptions.Connection c = instance.connect()) {
                c.node().setEnvVar(app, key, value);
                if (instance.json) Output.json(out, Map.of("app", app, "key", key));
                else out.println("set " + key + " for " + app);
            }
            return 0;
        }
    }

    @Command(name = "list", description = "Print an app's env vars as KEY=value lines.", mixinStandardHelpOptions = true)
    static final class ListVars implements Callable<Integer> {
        @Mixin PeerOptions instance;
        @Parameters(paramLabel = "APP") String app;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return instance.show(spec.commandLine().getOut(), n -> n.envVars(app),
                    (out, vars) -> vars.forEach((k, v) -> out.println(k + "=" + v)));
        }
    }

    @Command(name = "remove", description = "Remove an env var.", mixinStandardHelpOptions = true)
    static final class Remove implements Callable<Integer> {
        @Mixin PeerOptions instance;
        @Parameters(index = "0", paramLabel = "APP") String app;
        @Parameters(index = "1", paramLabel = "KEY") String key;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (InstanceOptions.Connection c = instance.connect()) {
                c.node().removeEnvVar(app, key);
                if (instance.json) Output.json(out, Map.of("deleted", key));
                else out.println("removed " + key + " from " + app);
            }
            return 0;
        }
    }
}
