package fazt.core.js;

import fazt.core.apps.ContentStore;
import fazt.core.env.EnvVars;
import fazt.core.logs.FunctionLogs;
import fazt.core.net.OutboundFetch;
import fazt.core.realtime.Realtime;
import fazt.core.storage.Blobs;
import fazt.core.storage.Docs;
import fazt.core.storage.Kv;

/** What functions may reach: storage, env vars, the function log, the app's own files, the guarded outbound fetch and the app's realtime hub. */
public record AppServices(Kv kv, Docs docs, Blobs blobs, EnvVars envVars, FunctionLogs logs, ContentStore contents,
        OutboundFetch fetch, Realtime realtime) {}
