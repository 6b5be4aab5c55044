-- Tenants: one row per municipality using this installation (CBS code, e.g. GM0014 Groningen).
-- Timestamps in SQLite are INTEGER microseconds since the Unix epoch (UTC).
CREATE TABLE tenants (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
