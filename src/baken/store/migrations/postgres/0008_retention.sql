-- Retention (retention/retention_runner.h): tombstones of what the retention rules anonymised,
-- redacted or destroyed, the queue of attachment files to remove after a commit, and a history
-- trigger that lets exactly those two changes through.

-- One row per action on a melding. No personal data: number, rule, class, category and dates.
-- Unique per melding and action, so a second run (or a racing server) cannot act twice.
CREATE TABLE retention_tombstones (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant TEXT NOT NULL,
  melding_id TEXT NOT NULL,
  melding_number TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('contact_geanonimiseerd', 'tekst_verwijderd',
                                         'vernietigd')),
  rule TEXT NOT NULL,
  category TEXT NOT NULL,
  sensitivity TEXT NOT NULL,
  closed_at TIMESTAMPTZ NOT NULL,
  done_at TIMESTAMPTZ NOT NULL,
  audit_seq BIGINT NOT NULL,   -- the audit_log entry written with it
  UNIQUE (tenant, melding_id, action)
);
CREATE INDEX retention_tombstones_number ON retention_tombstones (tenant, melding_number);

-- Attachment files (by SHA-256) of destroyed meldingen, written in the destroying transaction
-- and removed from disk after it commits; a run that stops in between is finished by the next.
CREATE TABLE retention_file_deletions (
  sha256 TEXT PRIMARY KEY,
  queued_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX melding_attachments_sha256 ON melding_attachments (sha256);

-- melding_history stays append-only for every melding that exists. Two exceptions, both made only
-- by the retention runner and each written to the audit log: the history of a destroyed melding
-- (its row already deleted) is deleted, and a text may be replaced by '[verwijderd]'. TRUNCATE
-- stays refused.
CREATE OR REPLACE FUNCTION melding_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM meldingen WHERE id = OLD.melding_id) THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.text = '[verwijderd]'
     AND NEW.seq = OLD.seq AND NEW.melding_id = OLD.melding_id AND NEW.tenant = OLD.tenant
     AND NEW.at = OLD.at AND NEW.actor = OLD.actor AND NEW.kind = OLD.kind
     AND NEW.from_value = OLD.from_value AND NEW.to_value = OLD.to_value
     AND NEW.for_reporter = OLD.for_reporter AND NEW.rule = OLD.rule THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'melding_history is append-only';
END
$$;
