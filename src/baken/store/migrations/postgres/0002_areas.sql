-- Areas: the municipality, its wijken and buurten (CBS codes), with geometry in RD New as WKB.
-- Imported from the CBS wijk- en buurtkaart; each import of a level replaces that level.
CREATE TABLE areas (
  tenant TEXT NOT NULL REFERENCES tenants(code),
  code TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('gemeente', 'wijk', 'buurt')),
  name TEXT NOT NULL,
  parent_code TEXT,
  inhabitants BIGINT,           -- NULL: unknown (CBS keeps small numbers secret)
  area_ha DOUBLE PRECISION,     -- NULL: unknown
  geometry BYTEA NOT NULL,      -- WKB MultiPolygon, EPSG:28992 (ST_GeomFromWKB(geometry, 28992))
  interior_x DOUBLE PRECISION NOT NULL,
  interior_y DOUBLE PRECISION NOT NULL,
  source TEXT NOT NULL,
  imported_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (tenant, code)
);
CREATE INDEX areas_by_level ON areas (tenant, level, code);
