-- An Idempotency-Key belongs to the caller who sent it: the scope is the actor (user id,
-- "api:<client>" or "melder") and the channel, so one caller's key never finds another caller's
-- melding. The request hash (SHA-256 of the request's fields) tells a true retry from a different
-- request under the same key (answered 422). Rows stored before this migration have no scope and
-- are never replayed.
ALTER TABLE meldingen ADD COLUMN idempotency_scope TEXT;
ALTER TABLE meldingen ADD COLUMN idempotency_request_hash TEXT;
DROP INDEX meldingen_idempotency;
CREATE UNIQUE INDEX meldingen_idempotency ON meldingen (tenant, idempotency_scope, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
