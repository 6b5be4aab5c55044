-- Programme module: programmes (uitvoeringsprogramma, actieprogramma) with ambitions, action
-- lines and actions, their milestones, an append-only change history, indicators with targets,
-- and indicator values stored as snapshots (a recomputation adds one; none is ever changed).
-- Dates are TEXT YYYY-MM-DD;
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
  created_at TIMESTAMPTZ NOT NULL,
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
  budget_planned_cents BIGINT,        -- NULL: no budget
  budget_spent_cents BIGINT,
  version BIGINT NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
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
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant TEXT NOT NULL,
  programme TEXT NOT NULL,
  item TEXT NOT NULL,                  -- empty: the programme itself
  at TIMESTAMPTZ NOT NULL,
  actor TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  explanation TEXT NOT NULL
);
CREATE INDEX programme_history_programme ON programme_history (tenant, programme, seq);

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
  value DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (tenant, indicator, period),
  FOREIGN KEY (tenant, indicator) REFERENCES programme_indicators (tenant, code)
);

-- Snapshots: the value of an indicator for a period as computed (or entered) at recorded_at.
-- Reading "as of" a date takes the newest snapshot at or before it, so last year's report stays
-- the same. Append-only.
CREATE TABLE programme_indicator_values (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant TEXT NOT NULL,
  indicator TEXT NOT NULL,
  period TEXT NOT NULL,
  value DOUBLE PRECISION,                          -- NULL: nothing to compute from
  recorded_at TIMESTAMPTZ NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('computed', 'manual')),
  entered_by TEXT NOT NULL,
  source_document TEXT NOT NULL,
  FOREIGN KEY (tenant, indicator) REFERENCES programme_indicators (tenant, code)
);
CREATE INDEX programme_indicator_values_lookup
  ON programme_indicator_values (tenant, indicator, period, recorded_at);

-- The breakdown of a snapshot (e.g. per categorie and wijk).
CREATE TABLE programme_indicator_value_cells (
  value_id BIGINT NOT NULL REFERENCES programme_indicator_values (id),
  position INTEGER NOT NULL,
  key1 TEXT NOT NULL,
  key2 TEXT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (value_id, position)
);

CREATE FUNCTION programme_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER programme_history_no_change BEFORE UPDATE OR DELETE ON programme_history
  FOR EACH ROW EXECUTE FUNCTION programme_append_only();
CREATE TRIGGER programme_history_no_truncate BEFORE TRUNCATE ON programme_history
  FOR EACH STATEMENT EXECUTE FUNCTION programme_append_only();
CREATE TRIGGER programme_indicator_values_no_change BEFORE UPDATE OR DELETE ON programme_indicator_values
  FOR EACH ROW EXECUTE FUNCTION programme_append_only();
CREATE TRIGGER programme_indicator_values_no_truncate BEFORE TRUNCATE ON programme_indicator_values
  FOR EACH STATEMENT EXECUTE FUNCTION programme_append_only();
CREATE TRIGGER programme_indicator_value_cells_no_change BEFORE UPDATE OR DELETE ON programme_indicator_value_cells
  FOR EACH ROW EXECUTE FUNCTION programme_append_only();
CREATE TRIGGER programme_indicator_value_cells_no_truncate BEFORE TRUNCATE ON programme_indicator_value_cells
  FOR EACH STATEMENT EXECUTE FUNCTION programme_append_only();
