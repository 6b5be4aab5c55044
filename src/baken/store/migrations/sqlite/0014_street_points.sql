-- The address table for finding a place by street or postcode (geo/gazetteer.h): one point per
-- six-position postcode with its street when known, RD New. Replaced as a whole by
-- `baken areas streets` (the shipped PC6 table, or a BAG extract in a deployment).
CREATE TABLE street_points (
  tenant TEXT NOT NULL REFERENCES tenants(code),
  postcode TEXT NOT NULL,
  street TEXT NOT NULL,  -- empty: unknown
  x REAL NOT NULL,
  y REAL NOT NULL,
  source TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  PRIMARY KEY (tenant, postcode)
);
