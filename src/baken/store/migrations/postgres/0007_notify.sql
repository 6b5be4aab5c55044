-- Notify module: the outbox of e-mails to reporters (transactional outbox pattern).
-- A row is written in the same transaction as the melding change it is about; the outbox worker
-- sends it over SMTP later. Timestamps are timestamptz (UTC).
-- next_attempt_at doubles as the claim lease: a worker sets it to now + lease before sending.
-- last_error holds the mail server's reply or a network error, never a credential.
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  tenant TEXT NOT NULL,
  melding_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('bevestiging', 'statuswijziging', 'tevredenheid')),
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMPTZ NOT NULL,
  claimed_by TEXT,              -- worker that holds the lease (NULL: not claimed)
  sent_at TIMESTAMPTZ,          -- NULL: not (yet) sent
  failed_at TIMESTAMPTZ,        -- set when given up (48 hours of failures); last_error says why
  last_error TEXT,
  dedupe_key TEXT NOT NULL UNIQUE
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
CREATE INDEX outbox_melding ON outbox (tenant, melding_id);
