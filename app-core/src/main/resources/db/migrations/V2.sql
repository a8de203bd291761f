-- Per-app key/value pairs (SPEC §5 KV): JSON text and an optional expiry in epoch ms.
CREATE TABLE kv (
  app_id     TEXT NOT NULL,
  key        TEXT NOT NULL,
  value      TEXT NOT NULL,
  expires_at INTEGER,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (app_id, key)
) WITHOUT ROWID;
CREATE INDEX kv_expiry ON kv(expires_at) WHERE expires_at IS NOT NULL;

-- Per-app JSON documents in named collections (SPEC §5 Docs): id and timestamps in columns, the rest in data.
CREATE TABLE docs (
  app_id     TEXT NOT NULL,
  collection TEXT NOT NULL,
  id         TEXT NOT NULL,
  data       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (app_id, collection, id)
);
CREATE INDEX docs_newest ON docs(app_id, collection, created_at, id);

-- Per-app byte objects by path (SPEC §5 Blobs): data is the last column so listing never reads it.
CREATE TABLE app_blobs (
  app_id     TEXT NOT NULL,
  path       TEXT NOT NULL,
  mime       TEXT NOT NULL,
  size       INTEGER NOT NULL,
  hash       TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  data       BLOB NOT NULL,
  PRIMARY KEY (app_id, path)
);
