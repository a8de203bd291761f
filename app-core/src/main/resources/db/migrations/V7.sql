-- Certificates served over HTTPS (issue 12), chosen per SNI name in memory. One row per
-- certificate: 'manual' ones the owner imported (keyed by their first name), 'acme' ones ordered
-- by fazt (keyed by the name ordered). A pending or failed order keeps the certificate it had,
-- so renewal trouble never stops serving. names: the certificate's DNS names, space-separated.
CREATE TABLE certificates (
  source      TEXT NOT NULL CHECK (source IN ('acme', 'manual')),
  name        TEXT NOT NULL,
  names       TEXT NOT NULL,
  chain_pem   TEXT,
  key_pem     TEXT,
  issuer      TEXT,
  serial      TEXT,
  not_before  INTEGER,
  not_after   INTEGER,
  state       TEXT NOT NULL CHECK (state IN ('ok', 'pending', 'failed')),
  last_error  TEXT,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (source, name)
) WITHOUT ROWID;

-- The ACME account's key: one row, kept so a restart or a copied data.db reuses the account.
CREATE TABLE acme_account (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  key_pem     TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);
