-- Reporter contact data for an API key only with an explicit grant (ADR 0011): given when the key
-- is made, audited, and over the API approved by a second person. Existing keys have none.
ALTER TABLE api_keys ADD COLUMN reporter_contact INTEGER NOT NULL DEFAULT 0;

-- Four eyes (ADR 0011): a change that would give someone personal or special data (a role, an API
-- key, a lower category sensitivity) waits here until a second person approves or rejects it.
-- payload is the JSON the change is applied from; a temporary password or key is never stored:
-- it is made when the change is applied and answered once to the approver.
CREATE TABLE pending_changes (
  id TEXT PRIMARY KEY,
  tenant TEXT NOT NULL,
  kind TEXT NOT NULL,         -- gebruiker.aanmaken, gebruiker.wijzigen, api_sleutel.aanmaken, ...
  target TEXT NOT NULL,       -- user id, category code, or '' for something new
  summary TEXT NOT NULL,      -- Dutch, for the list in Beheer
  payload TEXT NOT NULL,
  proposed_by TEXT NOT NULL,
  proposed_at TIMESTAMPTZ NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('wachtend', 'goedgekeurd', 'afgewezen', 'mislukt')),
  decided_by TEXT,
  decided_at TIMESTAMPTZ,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX pending_changes_tenant_status ON pending_changes (tenant, status, proposed_at);
