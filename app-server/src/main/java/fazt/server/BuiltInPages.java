package fazt.server;

import fazt.core.Fazt;

/** Pages that ship inside fazt. */
final class BuiltInPages {
    static final byte[] NOT_FOUND = Fazt.resource("/fazt/pages/404.html");

    private BuiltInPages() {}
}
