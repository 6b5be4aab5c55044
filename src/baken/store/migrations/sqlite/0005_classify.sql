-- Classifier: labelled texts the text classifier learns from, besides the starter file
-- (data/classify/). Corrections are written when staff change a melding's category; they are
-- never updated, a later correction is a new row. Timestamps are INTEGER microseconds (UTC).
CREATE TABLE training_examples (
  id INTEGER PRIMARY KEY,
  tenant TEXT NOT NULL REFERENCES tenants(code),
  text TEXT NOT NULL CHECK (text <> ''),
  category_code TEXT NOT NULL CHECK (category_code <> ''),
  source TEXT NOT NULL CHECK (source IN ('starter', 'correctie', 'import')),
  melding_id TEXT,              -- NULL: not from a melding (starter, import)
  created_at INTEGER NOT NULL
);
CREATE INDEX training_examples_by_tenant ON training_examples (tenant, id);
