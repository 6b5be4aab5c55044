-- TOTP enrolment in two steps: a new secret waits in totp_pending (nonce || secretbox ciphertext
-- under the server key) until the user confirms it with a valid code; only then it moves to
-- totp_secret. NULL: no enrolment in progress.
ALTER TABLE users ADD COLUMN totp_pending BLOB;
