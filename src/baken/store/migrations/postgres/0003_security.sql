-- Security module: tamper-evident audit log, accounts, login throttling, sessions, API keys.

-- One hash-chained log for the installation; every entry names its tenant. hash = BLAKE2b-256
-- over a length-prefixed serialisation of all fields and prev_hash (see audit_log.h).
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at TIMESTAMPTZ NOT NULL,
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
  prev_hash BYTEA NOT NULL,
  hash BYTEA NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_tenant_at ON audit_log (tenant, at);

-- The chain head: appenders lock this row (SELECT ... FOR UPDATE), which serialises them.
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq BIGINT NOT NULL,
  hash BYTEA NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, decode(repeat('00', 32), 'hex'));

-- Append-only: the application never changes or removes an entry. (A superuser can drop the
-- trigger; the hash chain is what makes that visible.)
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

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
  totp_secret BYTEA,
  totp_last_step BIGINT,
  disabled INTEGER NOT NULL DEFAULT 0,
  failed_count INTEGER NOT NULL DEFAULT 0,
  locked_until TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL,
  UNIQUE (tenant, username)
);

-- Failed logins per client address (installation-wide: an address is not a tenant's).
CREATE TABLE login_throttle (
  address TEXT PRIMARY KEY,
  failures BIGINT NOT NULL,
  window_start TIMESTAMPTZ NOT NULL,
  locked_until TIMESTAMPTZ
);

-- Sessions: only the BLAKE2b-256 hash of the bearer token is stored.
CREATE TABLE sessions (
  token_hash BYTEA PRIMARY KEY,
  tenant TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  second_factor_done INTEGER NOT NULL,
  from_address TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  last_seen_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  revoked_at TIMESTAMPTZ
);
CREATE INDEX sessions_user ON sessions (user_id);

-- API keys for systems (apps, partner systems): hashed like session tokens.
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  tenant TEXT NOT NULL,
  client_name TEXT NOT NULL,
  key_hash BYTEA NOT NULL UNIQUE,
  role TEXT NOT NULL,
  purposes TEXT NOT NULL,  -- JSON array of purpose codes
  created_at TIMESTAMPTZ NOT NULL,
  revoked_at TIMESTAMPTZ
);
