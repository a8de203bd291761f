-- Peers (SPEC §10): other instances this one manages, with the API key they gave us. key_id is
-- that key's id on the peer (known when linked by code), so unlinking can revoke it there.
CREATE TABLE peers (
  name         TEXT PRIMARY KEY,
  url          TEXT NOT NULL,
  token        TEXT NOT NULL,
  key_id       TEXT,
  is_default   INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER,
  version      TEXT,
  status       TEXT
) WITHOUT ROWID;

-- One-time pairing codes minted on this instance; only the hash is kept.
CREATE TABLE pairing_codes (
  code_hash  TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
) WITHOUT ROWID;
