-- Compact raw analytics events (issue 13): about 40 bytes a row instead of about 200.
-- Each distinct text of an event (app id, host, path, event name, referrer, source, truncated
-- address) is stored once in event_values; a raw row holds small integer ids. last_day is the
-- newest UTC day an event used the value: once every raw row of that day is purged, nothing
-- points to it any more and it goes too.
CREATE TABLE event_values (
  id       INTEGER PRIMARY KEY,
  value    TEXT NOT NULL UNIQUE,
  last_day INTEGER NOT NULL
);

INSERT INTO event_values(value, last_day)
SELECT value, MAX(day) FROM (
  SELECT app_id AS value, time / 86400000 AS day FROM events WHERE app_id IS NOT NULL
  UNION ALL SELECT host, time / 86400000 FROM events
  UNION ALL SELECT path, time / 86400000 FROM events
  UNION ALL SELECT event, time / 86400000 FROM events
  UNION ALL SELECT referrer, time / 86400000 FROM events WHERE referrer IS NOT NULL
  UNION ALL SELECT source, time / 86400000 FROM events
  UNION ALL SELECT address, time / 86400000 FROM events WHERE address IS NOT NULL
) GROUP BY value;

-- The key is the time in epoch milliseconds times 4096 plus the event's place within its
-- millisecond, so the rows are in time order and a time range is a key range: no time column and
-- no index are needed. Nothing else is indexed: queries on raw rows read a time range.
CREATE TABLE event_rows (
  id       INTEGER PRIMARY KEY,
  app      INTEGER,
  host     INTEGER NOT NULL,
  path     INTEGER NOT NULL,
  event    INTEGER NOT NULL,
  referrer INTEGER,
  source   INTEGER NOT NULL,
  address  INTEGER,
  visitor  INTEGER,
  tags     TEXT,
  query    TEXT
);

INSERT INTO event_rows(id, app, host, path, event, referrer, source, address, visitor, tags, query)
SELECT (e.time << 12) + ROW_NUMBER() OVER (PARTITION BY e.time ORDER BY e.id) - 1,
       (SELECT v.id FROM event_values v WHERE v.value = e.app_id),
       (SELECT v.id FROM event_values v WHERE v.value = e.host),
       (SELECT v.id FROM event_values v WHERE v.value = e.path),
       (SELECT v.id FROM event_values v WHERE v.value = e.event),
       (SELECT v.id FROM event_values v WHERE v.value = e.referrer),
       (SELECT v.id FROM event_values v WHERE v.value = e.source),
       (SELECT v.id FROM event_values v WHERE v.value = e.address),
       e.visitor, e.tags, e.query
FROM events e ORDER BY e.time, e.id;

DROP TABLE events;

-- The raw events as they read before, for people and scripts looking at data.db with sqlite3.
CREATE VIEW events AS
SELECT r.id AS id, r.id >> 12 AS time, a.value AS app_id, h.value AS host, p.value AS path, e.value AS event,
       f.value AS referrer, r.tags AS tags, r.query AS query, s.value AS source, d.value AS address, r.visitor AS visitor
FROM event_rows r
LEFT JOIN event_values a ON a.id = r.app
LEFT JOIN event_values h ON h.id = r.host
LEFT JOIN event_values p ON p.id = r.path
LEFT JOIN event_values e ON e.id = r.event
LEFT JOIN event_values f ON f.id = r.referrer
LEFT JOIN event_values s ON s.id = r.source
LEFT JOIN event_values d ON d.id = r.address;
