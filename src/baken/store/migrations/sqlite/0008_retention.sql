-- Retention (retention/retention_runner.h): tombstones of what the retention rules anonymised,
-- redacted or destroyed, the queue of attachment files to remove after a commit, and history
-- triggers that let exactly those two changes through.
-- Timestamps are INTEGER microseconds since the Unix epoch (UTC).

-- One row per action on a melding. No personal data: number, rule, class, category and dates.
-- Unique per melding and action, so a second run (or a racing server) cannot act twice.
CREATE TABLE retention_tombstones (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant TEXT NOT NULL,
  melding_id TEXT NOT NULL,
  melding_number TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('contact_geanonimiseerd', 'tekst_verwijderd',
                                         'vernietigd')),
  rule TEXT NOT NULL,
  category TEXT NOT NULL,
  sensitivity TEXT NOT NULL,
  closed_at INTEGER NOT NULL,
  done_at INTEGER NOT NULL,
  audit_seq INTEGER NOT NULL,   -- the audit_log entry written with it
  UNIQUE (tenant, melding_id, action)
);
CREATE INDEX retention_tombstones_number ON retention_tombstones (tenant, melding_number);

-- Attachment files (by SHA-256) of destroyed meldingen, written in the destroying transaction
-- and removed from disk after it commits; a run that stops in between is finished by the next.
CREATE TABLE retention_file_deletions (
  sha256 TEXT PRIMARY KEY,
  queued_at INTEGER NOT NULL
);
CREATE INDEX melding_attachments_sha256 ON melding_attachments (sha256);

-- melding_history stays append-only for every melding that exists. Two exceptions, both made only
-- by the retention runner and each written to the audit log: the history of a destroyed melding
-- (its row already deleted) is deleted, and a text may be replaced by '[verwijderd]'.
DROP TRIGGER melding_history_no_update;
DROP TRIGGER melding_history_no_delete;
CREATE TRIGGER melding_history_no_update BEFORE UPDATE ON melding_history
WHEN NOT (new.text = '[verwijderd]' AND new.seq IS old.seq AND new.melding_id IS old.melding_id
          AND new.tenant IS old.tenant AND new.at IS old.at AND new.actor IS old.actor
          AND new.kind IS old.kind AND new.from_value IS old.from_value
          AND new.to_value IS old.to_value AND new.for_reporter IS old.for_reporter
          AND new.rule IS old.rule)
BEGIN
  SELECT RAISE(ABORT, 'melding_history is append-only');
END;
CREATE TRIGGER melding_history_no_delete BEFORE DELETE ON melding_history
WHEN EXISTS (SELECT 1 FROM meldingen WHERE id = old.melding_id)
BEGIN
  SELECT RAISE(ABORT, 'melding_history is append-only');
END;
