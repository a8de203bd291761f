package fazt.server.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * The prefix form of SPEC §10.1: {@code fazt @home app list} means {@code fazt app list --to home}.
 * The {@code --to} is put right after the command's name, so it reaches the command it belongs to
 * whatever follows (even after {@code --}).
 */
final class PeerPrefix {
    private PeerPrefix() {}

    /** Runs {@code args} on {@code cl}, first turning a leading {@code @NAME} into {@code --to NAME}. */
    static int execute(CommandLine cl, String... args) {
        try {
            return cl.execute(expand(cl, args));
        } catch (CommandLine.ParameterException e) {
            cl.getErr().println("error: " + e.getMessage());
            cl.getErr().flush();
            return 2;
        }
    }

    static String[] expand(CommandLine cl, String[] args) {
        if (args.length == 0 || !args[0].startsWith("@")) return args;
        String peer = args[0].substring(1);
        if (peer.isEmpty()) throw new CommandLine.ParameterException(cl, "name the peer after @, like 'fazt @home app list'");
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        CommandLine command = cl;
        int at = 0;
        while (at < rest.size() && command.getSubcommands().containsKey(rest.get(at))) {
            command = command.getSubcommands().get(rest.get(at));
            at++;
        }
        if (command.getCommandSpec().findOption("--to") == null) {
            throw new CommandLine.ParameterException(cl, "@" + peer + " works with app, alias, app env and app logs commands, not with '"
                    + command.getCommandSpec().qualifiedName() + "'");
        }
        rest.addAll(at, List.of("--to", peer));
        return rest.toArray(String[]::new);
    }
}
