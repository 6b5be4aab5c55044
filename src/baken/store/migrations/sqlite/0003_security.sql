-- Security module: tamper-evident audit log, accounts, login throttling, sessions, API keys.
-- Timestamps are INTEGER microseconds since the Unix epoch (UTC); hashes are raw 32-byte BLOBs.

-- One hash-chained log for the installation; every entry names its tenant. hash = BLAKE2b-256
-- over a length-prefixed serialisation of all fields and prev_hash (see audit_log.h).
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  tenant TEXT NOT NULL,
  actor TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  purpose TEXT NOT NULL,
  sensitivity TEXT NOT NULL,
  from_address TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('allow', 'deny')),
  details TEXT NOT NULL,
  prev_hash BLOB NOT NULL,
  hash BLOB NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_tenant_at ON audit_log (tenant, at);

-- The chain head: last seq and hash. Appenders read and update it in their transaction; it also
-- reveals a truncated tail.
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash BLOB NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, zeroblob(32));

-- Append-only: the application never changes or removes an entry. (Someone with file access can
-- drop these triggers; the hash chain is what makes that visible.)
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- Accounts. password_hash is an argon2id string; totp_secret is nonce || secretbox ciphertext
-- under the server key (NULL: not enrolled); totp_last_step prevents reuse of a code.
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  tenant TEXT NOT NULL,
  username TEXT NOT NULL,
  display_name TEXT NOT NULL,
  email TEXT NOT NULL,
  role TEXT NOT NULL,
  departments TEXT NOT NULL,  -- JSON array of department codes
  password_hash TEXT NOT NULL,
  totp_secret BLOB,
  totp_last_step INTEGER,
  disabled INTEGER NOT NULL DEFAULT 0,
  failed_count INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (tenant, username)
);

-- Failed logins per client address (installation-wide: an address is not a tenant's).
CREATE TABLE login_throttle (
  address TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_start INTEGER NOT NULL,
  locked_until INTEGER
);

-- Sessions: only the BLAKE2b-256 hash of the bearer token is stored.
CREATE TABLE sessions (
  token_hash BLOB PRIMARY KEY,
  tenant TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  second_factor_done INTEGER NOT NULL,
  from_address TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX sessions_user ON sessions (user_id);

-- API keys for systems (apps, partner systems): hashed like session tokens.
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  tenant TEXT NOT NULL,
  client_name TEXT NOT NULL,
  key_hash BLOB NOT NULL UNIQUE,
  role TEXT NOT NULL,
  purposes TEXT NOT NULL,  -- JSON array of purpose codes
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
