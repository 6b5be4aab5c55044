-- Indexes for the work list: a filter on wijk, buurt, category or main category followed by the
-- default order (newest first, keyset on received_at, id) walks one index in order and stops after
-- a page, instead of sorting every melding of that wijk or category (which grows with the years).
-- meldingen_cells keeps serving the duplicate search.
DROP INDEX meldingen_category;
DROP INDEX meldingen_wijk;
DROP INDEX meldingen_buurt;
CREATE INDEX meldingen_category_received ON meldingen (tenant, category, received_at, id);
CREATE INDEX meldingen_main_category_received ON meldingen (tenant, main_category, received_at, id);
CREATE INDEX meldingen_wijk_received ON meldingen (tenant, wijk, received_at, id);
CREATE INDEX meldingen_buurt_received ON meldingen (tenant, buurt, received_at, id);
