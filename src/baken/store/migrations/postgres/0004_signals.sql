-- Signals module: categories (versioned), departments, routing rules, meldingen, their numbers,
-- append-only history and attachments, and a full-text index.

CREATE TABLE signal_departments (
  tenant TEXT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (tenant, code)
);

CREATE TABLE signal_main_categories (
  tenant TEXT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  public_name TEXT NOT NULL,
  PRIMARY KEY (tenant, code)
);

-- The catalog version of a tenant: raised by every import and every change of a category.
CREATE TABLE signal_catalogs (
  tenant TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  changed_at TIMESTAMPTZ NOT NULL
);

-- One row per version of a category; staff changes add a version, the newest is current.
-- `definition` is the whole category as JSON (see signals/internal/category_codec.h).
CREATE TABLE signal_categories (
  tenant TEXT NOT NULL,
  code TEXT NOT NULL,
  version BIGINT NOT NULL,
  is_current INTEGER NOT NULL CHECK (is_current IN (0, 1)),
  main_code TEXT NOT NULL,
  definition TEXT NOT NULL,
  changed_at TIMESTAMPTZ NOT NULL,
  changed_by TEXT NOT NULL,
  PRIMARY KEY (tenant, code, version)
);
CREATE UNIQUE INDEX signal_categories_current ON signal_categories (tenant, code)
  WHERE is_current = 1;

-- Routing rules of a tenant as one JSON array (signals/routing.h ParseRoutingRules).
CREATE TABLE signal_routing_rules (
  tenant TEXT PRIMARY KEY,
  rules TEXT NOT NULL,
  changed_at TIMESTAMPTZ NOT NULL,
  changed_by TEXT NOT NULL
);

CREATE TABLE meldingen (
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  id TEXT PRIMARY KEY,
  tenant TEXT NOT NULL,
  number TEXT NOT NULL,
  text TEXT NOT NULL,
  category TEXT NOT NULL,
  main_category TEXT NOT NULL,
  sensitivity TEXT NOT NULL,
  sensitivity_rank INTEGER NOT NULL,  -- 0 public, 1 internal, 2 confidential, 3 special
  x DOUBLE PRECISION NOT NULL,                    -- RD New
  y DOUBLE PRECISION NOT NULL,
  lon DOUBLE PRECISION NOT NULL,                  -- WGS84
  lat DOUBLE PRECISION NOT NULL,
  cell_x INTEGER NOT NULL,            -- floor(x / 50): duplicate search looks at 3x3 cells
  cell_y INTEGER NOT NULL,
  buurt TEXT NOT NULL,
  wijk TEXT NOT NULL,
  occurred_at TIMESTAMPTZ NOT NULL,
  received_at TIMESTAMPTZ NOT NULL,
  channel TEXT NOT NULL,
  reporter_name TEXT NOT NULL,
  reporter_email TEXT NOT NULL,
  reporter_phone TEXT NOT NULL,
  reporter_consent INTEGER NOT NULL,
  state TEXT NOT NULL,
  department TEXT NOT NULL,
  assignee TEXT NOT NULL,
  priority TEXT NOT NULL,
  deadline TIMESTAMPTZ NOT NULL,
  closed_at TIMESTAMPTZ,                  -- NULL while open
  parent_id TEXT,
  duplicate_of TEXT,
  source_id TEXT,
  idempotency_key TEXT,
  follow_token_hash BYTEA,             -- BLAKE2b-256 of the follow token; the token is not stored
  version BIGINT NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  -- Full text (Dutch stemming) over the melding text.
  search TSVECTOR GENERATED ALWAYS AS (to_tsvector('dutch', text)) STORED,
  UNIQUE (tenant, number)
);
CREATE INDEX meldingen_received ON meldingen (tenant, received_at, id);
CREATE INDEX meldingen_state_deadline ON meldingen (tenant, state, deadline);
CREATE INDEX meldingen_category ON meldingen (tenant, category);
CREATE INDEX meldingen_wijk ON meldingen (tenant, wijk);
CREATE INDEX meldingen_buurt ON meldingen (tenant, buurt);
CREATE INDEX meldingen_cells ON meldingen (tenant, category, cell_x, cell_y);
CREATE INDEX meldingen_parent ON meldingen (parent_id) WHERE parent_id IS NOT NULL;
CREATE UNIQUE INDEX meldingen_idempotency ON meldingen (tenant, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE UNIQUE INDEX meldingen_source ON meldingen (tenant, channel, source_id)
  WHERE source_id IS NOT NULL;
CREATE INDEX meldingen_search ON meldingen USING GIN (search);
CREATE UNIQUE INDEX meldingen_follow ON meldingen (follow_token_hash)
  WHERE follow_token_hash IS NOT NULL;

-- Readable numbers: the last number given per tenant and year (M-2026-000123).
CREATE TABLE melding_numbers (
  tenant TEXT NOT NULL,
  year BIGINT NOT NULL,
  last BIGINT NOT NULL,
  PRIMARY KEY (tenant, year)
);

-- What happened to a melding. Append-only, like the audit log.
CREATE TABLE melding_history (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  melding_id TEXT NOT NULL,
  tenant TEXT NOT NULL,
  at TIMESTAMPTZ NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  from_value TEXT NOT NULL,
  to_value TEXT NOT NULL,
  text TEXT NOT NULL,
  for_reporter INTEGER NOT NULL,
  rule TEXT NOT NULL
);
CREATE INDEX melding_history_melding ON melding_history (melding_id, seq);
CREATE FUNCTION melding_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'melding_history is append-only';
END
$$;
CREATE TRIGGER melding_history_no_change BEFORE UPDATE OR DELETE ON melding_history
  FOR EACH ROW EXECUTE FUNCTION melding_history_append_only();
CREATE TRIGGER melding_history_no_truncate BEFORE TRUNCATE ON melding_history
  FOR EACH STATEMENT EXECUTE FUNCTION melding_history_append_only();

-- Attachments: the bytes live in the attachment folder under their SHA-256 (hex).
CREATE TABLE melding_attachments (
  id TEXT PRIMARY KEY,
  melding_id TEXT NOT NULL,
  tenant TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX melding_attachments_melding ON melding_attachments (melding_id);
