-- Scheduled functions (issue 14): what the scheduler needs to survive a restart or a sleep, one
-- row per job of an app's active version, keyed by the job's path. handled_until: every tick up to
-- this time (epoch ms) was dealt with (run, skipped or passed over), so a tick after it that is
-- already past when fazt starts or wakes was missed. The last_* columns describe the latest run.
CREATE TABLE schedule_state (
  app_id            TEXT NOT NULL,
  path              TEXT NOT NULL,
  handled_until     INTEGER NOT NULL,
  last_run_at       INTEGER,
  last_trigger      TEXT,
  last_status       INTEGER,
  last_outcome      TEXT,
  last_duration_ms  INTEGER,
  PRIMARY KEY (app_id, path)
) WITHOUT ROWID;
