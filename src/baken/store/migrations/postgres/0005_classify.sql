-- Classifier: labelled texts the text classifier learns from, besides the starter file
-- (data/classify/). Corrections are written when staff change a melding's category; they are
-- never updated, a later correction is a new row.
CREATE TABLE training_examples (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant TEXT NOT NULL REFERENCES tenants(code),
  text TEXT NOT NULL CHECK (text <> ''),
  category_code TEXT NOT NULL CHECK (category_code <> ''),
  source TEXT NOT NULL CHECK (source IN ('starter', 'correctie', 'import')),
  melding_id TEXT,              -- NULL: not from a melding (starter, import)
  created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX training_examples_by_tenant ON training_examples (tenant, id);
