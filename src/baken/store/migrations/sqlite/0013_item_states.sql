-- What each action line and action looked like from a moment on: one row per version, written in
-- the same transaction as the change (programme/repository.h), so a progress report as of a past
-- date shows the status, explanation, milestones and budget of that date, also next year.
-- `progress` is JSON: {"status", "toelichting", "datum", "mijlpalen": [...], "budget": {...}}.
-- Items changed before this table existed get their row on their next change. Append-only.
CREATE TABLE programme_item_states (
  tenant TEXT NOT NULL,
  programme TEXT NOT NULL,
  item TEXT NOT NULL,
  version INTEGER NOT NULL,
  valid_from INTEGER NOT NULL,
  progress TEXT NOT NULL,
  PRIMARY KEY (tenant, programme, item, version),
  FOREIGN KEY (tenant, programme, item) REFERENCES programme_items (tenant, programme, code)
);
CREATE TRIGGER programme_item_states_no_update BEFORE UPDATE ON programme_item_states
BEGIN
  SELECT RAISE(ABORT, 'programme_item_states is append-only');
END;
CREATE TRIGGER programme_item_states_no_delete BEFORE DELETE ON programme_item_states
BEGIN
  SELECT RAISE(ABORT, 'programme_item_states is append-only');
END;
