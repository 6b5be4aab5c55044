-- What each action line and action looked like from a moment on: one row per version, written in
-- the same transaction as the change (programme/repository.h), so a progress report as of a past
-- date shows the status, explanation, milestones and budget of that date, also next year.
-- `progress` is JSON: {"status", "toelichting", "datum", "mijlpalen": [...], "budget": {...}}.
-- Items changed before this table existed get their row on their next change. Append-only.
CREATE TABLE programme_item_states (
  tenant TEXT NOT NULL,
  programme TEXT NOT NULL,
  item TEXT NOT NULL,
  version BIGINT NOT NULL,
  valid_from TIMESTAMPTZ NOT NULL,
  progress TEXT NOT NULL,
  PRIMARY KEY (tenant, programme, item, version),
  FOREIGN KEY (tenant, programme, item) REFERENCES programme_items (tenant, programme, code)
);
CREATE TRIGGER programme_item_states_no_change BEFORE UPDATE OR DELETE ON programme_item_states
  FOR EACH ROW EXECUTE FUNCTION programme_append_only();
CREATE TRIGGER programme_item_states_no_truncate BEFORE TRUNCATE ON programme_item_states
  FOR EACH STATEMENT EXECUTE FUNCTION programme_append_only();
