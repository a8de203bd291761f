package fazt.core.peers;

/** Told by a peer's {@link AdminApiClient} how each contact went, so the registry shows it. */
@FunctionalInterface
public interface PeerContact {
    PeerContact IGNORE = (status, version) -> {};

    /** {@code status} is one of {@link Peer}'s statuses; {@code version} is null when this contact did not learn it. */
    void record(String status, String version);
}
