-- A password that someone else chose (an administrator's reset, or an account created in the
-- staff UI) must be replaced by its owner at the next sign-in; until then the account reaches
-- only its own session routes.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
