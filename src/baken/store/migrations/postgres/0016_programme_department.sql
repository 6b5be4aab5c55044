-- The department that keeps a programme up to date ("mensenhandel" for the Actieprogramma
-- Mensenhandel): a coordinator whose grant is limited to the own department changes only the
-- programmes of that department. Empty: none; the seed fills it in from the programme file.
ALTER TABLE programmes ADD COLUMN department TEXT NOT NULL DEFAULT '';
