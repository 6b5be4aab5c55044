-- Signals module: categories (versioned), departments, routing rules, meldingen, their numbers,
-- append-only history and attachments, and a full-text index.
-- Timestamps are INTEGER microseconds since the Unix epoch (UTC).

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
  version INTEGER NOT NULL,
  changed_at INTEGER NOT NULL
);

-- One row per version of a category; staff changes add a version, the newest is current.
-- `definition` is the whole category as JSON (see signals/internal/category_codec.h).
CREATE TABLE signal_categories (
  tenant TEXT NOT NULL,
  code TEXT NOT NULL,
  version INTEGER NOT NULL,
  is_current INTEGER NOT NULL CHECK (is_current IN (0, 1)),
  main_code TEXT NOT NULL,
  definition TEXT NOT NULL,
  changed_at INTEGER NOT NULL,
  changed_by TEXT NOT NULL,
  PRIMARY KEY (tenant, code, version)
);
CREATE UNIQUE INDEX signal_categories_current ON signal_categories (tenant, code)
  WHERE is_current = 1;

-- Routing rules of a tenant as one JSON array (signals/routing.h ParseRoutingRules).
CREATE TABLE signal_routing_rules (
  tenant TEXT PRIMARY KEY,
  rules TEXT NOT NULL,
  changed_at INTEGER NOT NULL,
  changed_by TEXT NOT NULL
);

-- seq is the rowid (stable, so the external-content FTS table can point at it).
CREATE TABLE meldingen (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  tenant TEXT NOT NULL,
  number TEXT NOT NULL,
  text TEXT NOT NULL,
  category TEXT NOT NULL,
  main_category TEXT NOT NULL,
  sensitivity TEXT NOT NULL,
  sensitivity_rank INTEGER NOT NULL,  -- 0 public, 1 internal, 2 confidential, 3 special
  x REAL NOT NULL,                    -- RD New
  y REAL NOT NULL,
  lon REAL NOT NULL,                  -- WGS84
  lat REAL NOT NULL,
  cell_x INTEGER NOT NULL,            -- floor(x / 50): duplicate search looks at 3x3 cells
  cell_y INTEGER NOT NULL,
  buurt TEXT NOT NULL,
  wijk TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  channel TEXT NOT NULL,
  reporter_name TEXT NOT NULL,
  reporter_email TEXT NOT NULL,
  reporter_phone TEXT NOT NULL,
  reporter_consent INTEGER NOT NULL,
  state TEXT NOT NULL,
  department TEXT NOT NULL,
  assignee TEXT NOT NULL,
  priority TEXT NOT NULL,
  deadline INTEGER NOT NULL,
  closed_at INTEGER,                  -- NULL while open
  parent_id TEXT,
  duplicate_of TEXT,
  source_id TEXT,
  idempotency_key TEXT,
  follow_token_hash BLOB,             -- BLAKE2b-256 of the follow token; the token is not stored
  version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
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
CREATE UNIQUE INDEX meldingen_follow ON meldingen (follow_token_hash)
  WHERE follow_token_hash IS NOT NULL;

-- Full text over the melding text (diacritics folded), kept in step by triggers.
CREATE VIRTUAL TABLE meldingen_fts USING fts5(
  text, content='meldingen', content_rowid='seq', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER meldingen_fts_insert AFTER INSERT ON meldingen
BEGIN
  INSERT INTO meldingen_fts (rowid, text) VALUES (new.seq, new.text);
END;
CREATE TRIGGER meldingen_fts_delete AFTER DELETE ON meldingen
BEGIN
  INSERT INTO meldingen_fts (meldingen_fts, rowid, text) VALUES ('delete', old.seq, old.text);
END;
CREATE TRIGGER meldingen_fts_update AFTER UPDATE OF text ON meldingen
BEGIN
  INSERT INTO meldingen_fts (meldingen_fts, rowid, text) VALUES ('delete', old.seq, old.text);
  INSERT INTO meldingen_fts (rowid, text) VALUES (new.seq, new.text);
END;

-- Readable numbers: the last number given per tenant and year (M-2026-000123).
CREATE TABLE melding_numbers (
  tenant TEXT NOT NULL,
  year INTEGER NOT NULL,
  last INTEGER NOT NULL,
  PRIMARY KEY (tenant, year)
);

-- What happened to a melding. Append-only, like the audit log.
CREATE TABLE melding_history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  melding_id TEXT NOT NULL,
  tenant TEXT NOT NULL,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  from_value TEXT NOT NULL,
  to_value TEXT NOT NULL,
  text TEXT NOT NULL,
  for_reporter INTEGER NOT NULL,
  rule TEXT NOT NULL
);
CREATE INDEX melding_history_melding ON melding_history (melding_id, seq);
CREATE TRIGGER melding_history_no_update BEFORE UPDATE ON melding_history
BEGIN
  SELECT RAISE(ABORT, 'melding_history is append-only');
END;
CREATE TRIGGER melding_history_no_delete BEFORE DELETE ON melding_history
BEGIN
  SELECT RAISE(ABORT, 'melding_history is append-only');
END;

-- Attachments: the bytes live in the attachment folder under their SHA-256 (hex).
CREATE TABLE melding_attachments (
  id TEXT PRIMARY KEY,
  melding_id TEXT NOT NULL,
  tenant TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX melding_attachments_melding ON melding_attachments (melding_id);
