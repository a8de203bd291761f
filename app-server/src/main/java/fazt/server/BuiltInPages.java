package fazt.server;

import fazt.core.ShippedFiles;

/** Pages that ship inside fazt. */
final class BuiltInPages {
    static final byte[] NOT_FOUND = ShippedFiles.read("/fazt/pages/404.html");

    private BuiltInPages() {}
}
