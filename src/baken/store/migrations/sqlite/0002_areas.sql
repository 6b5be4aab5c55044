-- Areas: the municipality, its wijken and buurten (CBS codes), with geometry in RD New as WKB.
-- Imported from the CBS wijk- en buurtkaart; each import of a level replaces that level.
CREATE TABLE areas (
  tenant TEXT NOT NULL REFERENCES tenants(code),
  code TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('gemeente', 'wijk', 'buurt')),
  name TEXT NOT NULL,
  parent_code TEXT,
  inhabitants INTEGER,          -- NULL: unknown (CBS keeps small numbers secret)
  area_ha REAL,                 -- NULL: unknown
  geometry BLOB NOT NULL,       -- WKB MultiPolygon, EPSG:28992
  interior_x REAL NOT NULL,     -- a point surely inside the area (RD)
  interior_y REAL NOT NULL,
  source TEXT NOT NULL,         -- file the area came from
  imported_at INTEGER NOT NULL,
  PRIMARY KEY (tenant, code)
);
CREATE INDEX areas_by_level ON areas (tenant, level, code);
