-- Analytics (SPEC §7): events without cookies; the address is stored truncated and visitors are
-- counted by a salted hash whose salt changes every day and is never stored (DailySalt).
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
  visitor      INTEGER
);
-- Covering indexes: counts, unique visitors and timelines read only these, never the rows.
CREATE INDEX events_time ON events(time, event, visitor);
CREATE INDEX events_app_time ON events(app_id, time, event, visitor);

-- Events per UTC day (days since 1970-01-01) and app ('' for none) of each path, referrer and
-- event name, kept by the writer in the same transaction as the events, so that the breakdowns of
-- /api/stats add up a few rows per day instead of reading every event.
CREATE TABLE event_counts (
  dimension TEXT NOT NULL,
  day       INTEGER NOT NULL,
  app_id    TEXT NOT NULL,
  value     TEXT NOT NULL,
  count     INTEGER NOT NULL,
  PRIMARY KEY (dimension, day, app_id, value)
) WITHOUT ROWID;

-- Each visitor hash once per UTC day and app ('' for none), kept by the writer with the events:
-- unique visitors of a day are a count of these rows (one per visitor), not a COUNT(DISTINCT)
-- over every event of the day.
CREATE TABLE daily_visitors (
  day     INTEGER NOT NULL,
  app_id  TEXT NOT NULL,
  visitor INTEGER NOT NULL,
  PRIMARY KEY (day, app_id, visitor)
) WITHOUT ROWID;

-- Short links: /r/{slug} answers 302 to the destination and counts a click.
CREATE TABLE redirects (
  slug        TEXT PRIMARY KEY,
  destination TEXT NOT NULL,
  clicks      INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL
) WITHOUT ROWID;
