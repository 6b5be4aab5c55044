-- The free texts of progress reports: one per programme, period and section ('' = the
-- introduction, otherwise an action line's code). Replaced by a newer version; every version is
-- also written to programme_history (field 'tekst'), so what a report said stays traceable.
CREATE TABLE programme_report_texts (
  tenant TEXT NOT NULL,
  programme TEXT NOT NULL,
  period TEXT NOT NULL,
  section TEXT NOT NULL,
  body TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (tenant, programme, period, section),
  FOREIGN KEY (tenant, programme) REFERENCES programmes (tenant, code)
);
