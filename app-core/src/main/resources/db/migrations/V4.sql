-- Identity (SPEC §6). The owner's credentials: one row at most.
CREATE TABLE owner (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  username      TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  updated_at    INTEGER NOT NULL
);

-- App users. provider is the one they last signed in with. email_verified: a provider vouched for
-- the email; only such a user is ever linked to by email.
CREATE TABLE users (
  id             TEXT PRIMARY KEY,
  email          TEXT,
  email_verified INTEGER NOT NULL DEFAULT 0,
  name          TEXT,
  picture       TEXT,
  provider      TEXT NOT NULL,
  role          TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('owner', 'admin', 'user')),
  created_at    INTEGER NOT NULL,
  last_login_at INTEGER
);
CREATE INDEX users_email ON users(email);

-- The accounts a user signs in with: (provider, subject) → user. A second provider with the same
-- verified email links to the existing user instead of creating another.
CREATE TABLE user_identities (
  provider   TEXT NOT NULL,
  subject    TEXT NOT NULL,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (provider, subject)
) WITHOUT ROWID;
CREATE INDEX user_identities_user ON user_identities(user_id);

-- Sessions of the owner (user_id NULL) and of app users. Only SHA-256 of the cookie value is kept.
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      TEXT REFERENCES users(id) ON DELETE CASCADE,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

-- OAuth / OIDC providers configured by the owner (google, github, or any OIDC issuer by URL).
-- issuer: the OIDC issuer URL, or for github the base URL of a GitHub Enterprise server (NULL: github.com).
CREATE TABLE oauth_providers (
  name          TEXT PRIMARY KEY,
  client_id     TEXT NOT NULL,
  client_secret TEXT NOT NULL,
  issuer        TEXT,
  enabled       INTEGER NOT NULL DEFAULT 0,
  updated_at    INTEGER NOT NULL
) WITHOUT ROWID;

-- A started sign-in: state + PKCE verifier + nonce, deleted by the callback that uses it (single use).
-- redirect_uri is the callback URL sent to the provider, which the token request must repeat,
-- redirect is where the browser goes once signed in.
CREATE TABLE oauth_states (
  state         TEXT PRIMARY KEY,
  provider      TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  nonce         TEXT NOT NULL,
  redirect_uri  TEXT NOT NULL,
  redirect      TEXT NOT NULL,
  expires_at    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX oauth_states_expiry ON oauth_states(expires_at);

-- Invites: a code with a role, a number of uses and an expiry; redemption is one conditional UPDATE.
CREATE TABLE invites (
  code       TEXT PRIMARY KEY,
  role       TEXT NOT NULL CHECK (role IN ('admin', 'user')),
  max_uses   INTEGER NOT NULL,
  uses       INTEGER NOT NULL DEFAULT 0,
  expires_at INTEGER,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
