package fazt.server.cli;

import picocli.CommandLine.Option;

/**
 * The {@link InstanceOptions} of app, alias, env and logs commands: the local instance, or with
 * {@code --to NAME} (or the prefix form {@code fazt @NAME …}, see {@link PeerPrefix}) a linked
 * peer. The same command code runs against either, through {@link fazt.core.Node}.
 */
final class PeerOptions extends InstanceOptions {
    @Option(names = "--to", paramLabel = "PEER", description = "Act on this linked peer instead of the local instance (see 'fazt peer list').")
    String to;

    @Override
    String peerName() {
        return to;
    }
}
