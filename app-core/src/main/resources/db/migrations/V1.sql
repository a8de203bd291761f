-- Settings the owner stored (SPEC §2: flags > FAZT_* environment > these > defaults).
CREATE TABLE config (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- File contents, stored once per distinct SHA-256 (content-addressed).
CREATE TABLE blobs (
  hash TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  data BLOB NOT NULL,
  gzip BLOB
);

CREATE TABLE apps (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE,
  active_version INTEGER,
  activation     INTEGER NOT NULL DEFAULT 0, -- bumped with every switch of active_version
  next_version   INTEGER NOT NULL DEFAULT 1,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);

-- One immutable deploy of an app.
CREATE TABLE versions (
  app_id     TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  version    INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  file_count INTEGER NOT NULL,
  size_bytes INTEGER NOT NULL,
  spa        INTEGER NOT NULL DEFAULT 0,
  manifest   TEXT NOT NULL,
  PRIMARY KEY (app_id, version)
);

CREATE TABLE version_files (
  app_id  TEXT NOT NULL,
  version INTEGER NOT NULL,
  path    TEXT NOT NULL,
  hash    TEXT NOT NULL REFERENCES blobs(hash),
  size    INTEGER NOT NULL,
  PRIMARY KEY (app_id, version, path),
  FOREIGN KEY (app_id, version) REFERENCES versions(app_id, version) ON DELETE CASCADE
);
CREATE INDEX version_files_hash ON version_files(hash);

-- Subdomain labels: type app (target = app id), redirect (target = URL) or reserved.
CREATE TABLE aliases (
  subdomain  TEXT PRIMARY KEY,
  type       TEXT NOT NULL CHECK (type IN ('app', 'redirect', 'reserved')),
  target     TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX aliases_target ON aliases(target);

CREATE TABLE api_keys (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  scope        TEXT NOT NULL CHECK (scope IN ('read', 'deploy', 'admin')),
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER
);
