-- Index maintenance put off during a bulk load (store/bulk_load.h): the statements that restore
-- it. Written in the transaction that drops the indexes, deleted in the one that recreates them,
-- so a load that is killed half-way leaves this list, never a table quietly without its indexes.
CREATE TABLE store_deferred (
  name TEXT PRIMARY KEY,     -- index or trigger name, or a label for a follow-up statement
  stage INTEGER NOT NULL,    -- 1 index, 2 trigger, 3 follow-up (e.g. a full-text rebuild)
  tbl TEXT NOT NULL,
  statement TEXT NOT NULL
);
