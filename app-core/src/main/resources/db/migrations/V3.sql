-- What functions log (SPEC §4.4), kept logs_retention_days days. No foreign key to apps: lines
-- arrive in batches after the fact, and a batch must not fail because its app was just deleted.
-- AUTOINCREMENT so that an id is never reused after a purge: log stream clients resume by id.
CREATE TABLE function_logs (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  app_id     TEXT NOT NULL,
  app_name   TEXT NOT NULL,
  version    INTEGER NOT NULL,
  level      TEXT NOT NULL CHECK (level IN ('debug', 'info', 'warn', 'error')),
  message    TEXT NOT NULL,
  request_id TEXT,
  time       INTEGER NOT NULL
);
CREATE INDEX function_logs_app ON function_logs(app_id, id);
CREATE INDEX function_logs_time ON function_logs(time);

-- Per-app variables set by the owner, read by functions as fazt.env (SPEC §4.2).
CREATE TABLE env_vars (
  app_id     TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  key        TEXT NOT NULL,
  value      TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (app_id, key)
) WITHOUT ROWID;
