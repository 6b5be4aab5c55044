-- Sign-in throttling per (user name, client address) pair, per address and per user name
-- (ADR 0012) replaces the per-address table and the account lock (users.failed_count and
-- users.locked_until are no longer used): anyone could lock any known account, and colleagues
-- behind one address blocked each other. Keys are keyed hashes, so no typed names are stored.
DROP TABLE login_throttle;
UPDATE users SET failed_count = 0, locked_until = NULL;
CREATE TABLE sign_in_throttle (
  throttle_key TEXT PRIMARY KEY,
  failures BIGINT NOT NULL,
  window_start TIMESTAMPTZ,
  last_failure_at TIMESTAMPTZ,
  blocked_until TIMESTAMPTZ,
  last_success_at TIMESTAMPTZ
);
