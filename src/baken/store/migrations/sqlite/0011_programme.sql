-- Programme module: programmes (uitvoeringsprogramma, actieprogramma) with ambitions, action
-- lines and actions, their milestones, an append-only change history, indicators with targets,
-- and indicator values stored as snapshots (a recomputation adds one; none is ever changed).
-- Timestamps are INTEGER microseconds since the Unix epoch (UTC); dates are TEXT YYYY-MM-DD;
-- periods are TEXT "2025" or "2025-Q3"; partner lists are comma-separated partner codes.

CREATE TABLE programmes (
  tenant TEXT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  start_year INTEGER NOT NULL,
  end_year INTEGER NOT NULL,
  owner TEXT NOT NULL,
  partners TEXT NOT NULL,
  themes TEXT NOT NULL,                -- one theme per line
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  PRIMARY KEY (tenant, code)
);

CREATE TABLE programme_ambitions (
  tenant TEXT NOT NULL,
  programme TEXT NOT NULL,
  code TEXT NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  kernambitie INTEGER NOT NULL CHECK (kernambitie IN (0, 1)),
  priority INTEGER,                    -- NULL: not ranked
  PRIMARY KEY (tenant, programme, code),
  FOREIGN KEY (tenant, programme) REFERENCES programmes (tenant, code)
);

-- Action lines (kind 'actielijn') and actions (kind 'actie', parent = the action line's code).
-- The current state; every change raises version and appends rows to programme_history.
CREATE TABLE programme_items (
  tenant TEXT NOT NULL,
  programme TEXT NOT NULL,
  code TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('actielijn', 'actie')),
  parent TEXT,
  ambition TEXT,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  lead TEXT NOT NULL,
  partners TEXT NOT NULL,
  status TEXT NOT NULL,
  status_explanation TEXT NOT NULL,
  status_date TEXT,
  budget_planned_cents INTEGER,        -- NULL: no budget
  budget_spent_cents INTEGER,
  version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (tenant, programme, code),
  FOREIGN KEY (tenant, programme) REFERENCES programmes (tenant, code)
);

CREATE TABLE programme_milestones (
  tenant TEXT NOT NULL,
  programme TEXT NOT NULL,
  item TEXT NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  due_date TEXT NOT NULL,
  done_date TEXT,
  PRIMARY KEY (tenant, programme, item, position),
  FOREIGN KEY (tenant, programme, item) REFERENCES programme_items (tenant, programme, code)
);

-- Who changed what, when and why. Append-only, like melding_history.
CREATE TABLE programme_history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant TEXT NOT NULL,
  programme TEXT NOT NULL,
  item TEXT NOT NULL,                  -- empty: the programme itself
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  explanation TEXT NOT NULL
);
CREATE INDEX programme_history_programme ON programme_history (tenant, programme, seq);
CREATE TRIGGER programme_history_no_update BEFORE UPDATE ON programme_history
BEGIN
  SELECT RAISE(ABORT, 'programme_history is append-only');
END;
CREATE TRIGGER programme_history_no_delete BEFORE DELETE ON programme_history
BEGIN
  SELECT RAISE(ABORT, 'programme_history is append-only');
END;

-- Indicator codes are unique per tenant, so a value can be entered by indicator code alone.
CREATE TABLE programme_indicators (
  tenant TEXT NOT NULL,
  code TEXT NOT NULL,
  programme TEXT NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  definition TEXT NOT NULL,
  unit TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('up_is_good', 'down_is_good')),
  action_line TEXT,
  ambition TEXT,
  source TEXT NOT NULL CHECK (source IN ('computed', 'manual')),
  query TEXT,
  about_persons INTEGER NOT NULL CHECK (about_persons IN (0, 1)),
  PRIMARY KEY (tenant, code),
  FOREIGN KEY (tenant, programme) REFERENCES programmes (tenant, code)
);

CREATE TABLE programme_targets (
  tenant TEXT NOT NULL,
  indicator TEXT NOT NULL,
  period TEXT NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (tenant, indicator, period),
  FOREIGN KEY (tenant, indicator) REFERENCES programme_indicators (tenant, code)
);

-- Snapshots: the value of an indicator for a period as computed (or entered) at recorded_at.
-- Reading "as of" a date takes the newest snapshot at or before it, so last year's report stays
-- the same. Append-only.
CREATE TABLE programme_indicator_values (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant TEXT NOT NULL,
  indicator TEXT NOT NULL,
  period TEXT NOT NULL,
  value REAL,                          -- NULL: nothing to compute from
  recorded_at INTEGER NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('computed', 'manual')),
  entered_by TEXT NOT NULL,
  source_document TEXT NOT NULL,
  FOREIGN KEY (tenant, indicator) REFERENCES programme_indicators (tenant, code)
);
CREATE INDEX programme_indicator_values_lookup
  ON programme_indicator_values (tenant, indicator, period, recorded_at);

-- The breakdown of a snapshot (e.g. per categorie and wijk).
CREATE TABLE programme_indicator_value_cells (
  value_id INTEGER NOT NULL REFERENCES programme_indicator_values (id),
  position INTEGER NOT NULL,
  key1 TEXT NOT NULL,
  key2 TEXT NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (value_id, position)
);

CREATE TRIGGER programme_indicator_values_no_update BEFORE UPDATE ON programme_indicator_values
BEGIN
  SELECT RAISE(ABORT, 'programme_indicator_values is append-only');
END;
CREATE TRIGGER programme_indicator_values_no_delete BEFORE DELETE ON programme_indicator_values
BEGIN
  SELECT RAISE(ABORT, 'programme_indicator_values is append-only');
END;
CREATE TRIGGER programme_indicator_value_cells_no_update
  BEFORE UPDATE ON programme_indicator_value_cells
BEGIN
  SELECT RAISE(ABORT, 'programme_indicator_value_cells is append-only');
END;
CREATE TRIGGER programme_indicator_value_cells_no_delete
  BEFORE DELETE ON programme_indicator_value_cells
BEGIN
  SELECT RAISE(ABORT, 'programme_indicator_value_cells is append-only');
END;
