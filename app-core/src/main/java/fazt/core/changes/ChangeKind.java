package fazt.core.changes;

/**
 * What kinds of change the engine publishes, each with the id the stream carries in
 * {@link Change#kind()}. Readers should ignore ids they do not know: a newer peer may send more.
 */
public enum ChangeKind {
    APP_DEPLOYED("app.deployed"),
    APP_ROLLED_BACK("app.rolled_back"),
    APP_DELETED("app.deleted"),
    ALIAS_SET("alias.set"),
    ALIAS_REMOVED("alias.removed"),
    ALIASES_SWAPPED("alias.swapped"),
    ENV_SET("env.set"),
    ENV_REMOVED("env.removed"),
    USER_CREATED("user.created"),
    USER_SIGNED_IN("user.signed_in"),
    USER_ROLE_CHANGED("user.role_changed"),
    USER_DELETED("user.deleted"),
    INVITE_CREATED("invite.created"),
    INVITE_USED("invite.used"),
    INVITE_REVOKED("invite.revoked"),
    KEY_CREATED("key.created"),
    KEY_REVOKED("key.revoked"),
    PROVIDER_SET("provider.set"),
    PROVIDER_REMOVED("provider.removed"),
    PEER_LINKED("peer.linked"),
    PEER_UNLINKED("peer.unlinked"),
    PEER_DEFAULT("peer.default"),
    PEER_STATUS("peer.status"),
    SETTINGS_CHANGED("settings.changed"),
    SHORT_LINK_SET("shortlink.set"),
    SHORT_LINK_REMOVED("shortlink.removed"),
    CERTIFICATE_CHANGED("certificate.changed"),
    /** Not a change: the reader missed some and should reload what it shows. */
    RESYNC("resync");

    private final String id;

    ChangeKind(String id) {
        this.id = id;
    }

    /** The kind as the stream writes it, like {@code app.deployed}. */
    public String id() {
        return id;
    }
}
