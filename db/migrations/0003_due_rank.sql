-- 0003: the due list in pages. Each client row carries where the client
-- stands in the due list as of the store's day (model.DueRank): due_key
-- orders the list (open complaints first, then section, then the earliest
-- due day; NULL when nothing is due within the horizon) and due_risk says
-- whether the row carries at-risk signals. The view reads the counts and
-- one page at a time from the indexes below instead of describing tens of
-- thousands of clients. See docs/schema.md. Never edit this file once
-- shipped.
--
-- The columns start empty; the store recomputes every client in the same
-- transaction as this migration (db/migrate.go), so no reader sees them
-- unset.
ALTER TABLE clients ADD COLUMN due_key INTEGER;
ALTER TABLE clients ADD COLUMN due_risk INTEGER NOT NULL DEFAULT 0 CHECK (due_risk IN (0, 1));

-- The list in order: key, then the name in the owner's language's order
-- (rowid breaks the last ties). Partial, so the clients with nothing due
-- cost nothing; the counts by group read this index alone.
CREATE INDEX clients_by_due ON clients (due_key, sort_key) WHERE due_key IS NOT NULL;
-- The same for the "only clients at risk" filter.
CREATE INDEX clients_at_risk_by_due ON clients (due_key, sort_key) WHERE due_key IS NOT NULL AND due_risk = 1;
