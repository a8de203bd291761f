package fazt.core.changes;

/**
 * One committed change of the instance, as the change stream tells it: {@code id} grows with
 * every change (also across restarts), {@code kind} is one of {@link ChangeKind}'s ids,
 * {@code app} the app's name when the change belongs to one, {@code subject} what changed (a
 * version, a subdomain, a key's id; never a secret). A {@code resync} says that changes were
 * missed: reload what is shown, then carry on from its id.
 */
public record Change(long id, long time, String kind, String app, String subject) {
    /** True for the {@code resync} notice. */
    public boolean isResync() {
        return ChangeKind.RESYNC.id().equals(kind);
    }
}
