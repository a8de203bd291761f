-- Analytics (SPEC §7): events without cookies; the address is stored truncated and visitors are
-- counted by a salted hash whose salt changes every day.
CREATE TABLE events (
  id           INTEGER PRIMARY KEY,
  time         INTEGER NOT NULL,
  app_id       TEXT,
  host         TEXT NOT NULL,
  path         TEXT NOT NULL,
  event        TEXT NOT NULL,
  referrer     TEXT,
  tags         TEXT,
  query        TEXT,
  source       TEXT NOT NULL,
  address      TEXT,
  visitor      TEXT
);
CREATE INDEX events_time ON events(time);
CREATE INDEX events_app_time ON events(app_id, time);

-- Short links: /r/{slug} answers 302 to the destination and counts a click.
CREATE TABLE redirects (
  slug        TEXT PRIMARY KEY,
  destination TEXT NOT NULL,
  clicks      INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL
) WITHOUT ROWID;
