-- meldingen_category (tenant, category) is a prefix of meldingen_cells (tenant, category, cell_x,
-- cell_y), which answers every lookup by category as well; one index less to keep up to date on
-- every intake and to rebuild after a bulk import.
DROP INDEX meldingen_category;
