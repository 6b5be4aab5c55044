-- Tenants: one row per municipality using this installation (CBS code, e.g. GM0014 Groningen).
CREATE TABLE tenants (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);
