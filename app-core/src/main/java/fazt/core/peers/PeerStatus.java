package fazt.core.peers;

/** A peer right after we tried to reach it; {@code problem} says what went wrong, null when it answered. */
public record PeerStatus(Peer peer, String problem) {}
