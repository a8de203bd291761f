package fazt.server.cli;

import fazt.core.peers.Peer;
import fazt.core.peers.PeerStatus;
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

/**
 * {@code fazt peer …} (SPEC §10.1): the registry of linked peers. Like every command, it works
 * on data.db directly or through the instance serving it; in both cases this instance does the
 * talking to the peer. No output shows a peer's token.
 */
@Command(name = "peer", description = "Link other fazt instances and manage them from here.", mixinStandardHelpOptions = true,
        subcommands = {PeerCommands.Add.class, PeerCommands.ListPeers.class, PeerCommands.Remove.class,
                PeerCommands.MakeDefault.class, PeerCommands.Status.class})
final class PeerCommands {

    @Command(name = "add", description = "Link a peer by a pairing code from 'fazt server pair' on it (or by an API key made there).",
            mixinStandardHelpOptions = true)
    static final class Add implements Callable<Integer> {
        @Mixin InstanceOptions instance;
        @Parameters(index = "0", paramLabel = "NAME", description = "What to call the peer here (e.g. home).") String name;
        @Parameters(index = "1", paramLabel = "URL", description = "Its admin address, e.g. https://admin.example.com or http://admin.192.168.1.20.nip.io:4698.") String url;
        @Option(names = "--code", paramLabel = "CODE", description = "A pairing code shown by the peer (like K7QF-9XZ2).") String code;
        @Option(names = "--token", paramLabel = "T", description = "An API key created on the peer, instead of a code.") String token;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if ((code == null) == (token == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give either --code CODE or --token T");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (InstanceOptions.Connection c = instance.connect()) {
                Peer p = c.node().addPeer(name, url, code, token);
                if (instance.json) Output.json(out, p);
                else out.println("linked " + p.name() + " at " + p.url() + (p.version() == null ? "" : " (fazt " + p.version() + ")")
                        + "; act on it with --to " + p.name() + " or 'fazt @" + p.name() + " …'");
                if (p.warning() != null && !instance.json) spec.commandLine().getErr().println("warning: " + p.warning());
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List linked peers.", mixinStandardHelpOptions = true)
    static final class ListPeers implements Callable<Integer> {
        @Mixin InstanceOptions instance;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return instance.show(spec.commandLine().getOut(), n -> n.peers(), (out, peers) -> {
                if (peers.isEmpty()) {
                    out.println("no peers linked; link one with 'fazt peer add NAME URL --code CODE'");
                    return;
                }
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"NAME", "URL", "DEFAULT", "LAST SEEN", "VERSION", "STATUS"});
                for (Peer p : peers) {
                    rows.add(new String[] {p.name(), p.url(), p.isDefault() ? "yes" : "", p.lastSeenAt() == null ? "never" : Output.time(p.lastSeenAt()),
                            p.version() == null ? "" : p.version(), p.status() == null ? "unknown" : p.status()});
                }
                Output.table(out, rows);
            });
        }
    }

    @Command(name = "remove", description = "Unlink a peer (and revoke the key it gave us, when it can be reached).",
            mixinStandardHelpOptions = true)
    static final class Remove implements Callable<Integer> {
        @Mixin InstanceOptions instance;
        @Parameters(paramLabel = "NAME") String name;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (InstanceOptions.Connection c = instance.connect()) {
                boolean revoked = c.node().removePeer(name);
                if (instance.json) {
                    Output.json(out, Map.of("removed", name, "revoked", revoked));
                } else {
                    out.println("unlinked " + name + (revoked ? "; its key was revoked there"
                            : "; its key there could not be revoked: delete the key named 'peer …' on the peer (GET/DELETE /api/keys)"));
                }
            }
            return 0;
        }
    }

    @Command(name = "default", description = "Make a peer the default one (for 'peer status' without a name).",
            mixinStandardHelpOptions = true)
    static final class MakeDefault implements Callable<Integer> {
        @Mixin InstanceOptions instance;
        @Parameters(paramLabel = "NAME") String name;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return instance.show(spec.commandLine().getOut(), n -> n.setDefaultPeer(name),
                    (out, p) -> out.println(p.name() + " is now the default peer"));
        }
    }

    @Command(name = "status", description = "Contact a peer now (default: the default peer, else the only one). Exit 1 when it does not answer.",
            mixinStandardHelpOptions = true)
    static final class Status implements Callable<Integer> {
        @Mixin InstanceOptions instance;
        @Parameters(paramLabel = "NAME", arity = "0..1") String name;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PeerStatus s;
            try (InstanceOptions.Connection c = instance.connect()) {
                s = c.node().peerStatus(name);
            }
            Peer p = s.peer();
            if (instance.json) {
                Output.json(out, s);
            } else {
                out.println(p.name() + "  " + p.status() + "  " + p.url() + (p.version() == null ? "" : "  fazt " + p.version())
                        + "  last seen " + (p.lastSeenAt() == null ? "never" : Output.time(p.lastSeenAt())));
                if (s.problem() != null) spec.commandLine().getErr().println("error: " + s.problem());
            }
            return s.problem() == null ? 0 : 1;
        }
    }
}
