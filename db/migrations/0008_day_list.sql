-- The day's list. due_key now packs a priority between the group and the
-- due day (model.DueRank.Key, model.DueRankVersion), so the store
-- recomputes every client's key in the transaction of this migration
-- (db/migrate.go). "Done today" counts the clients whose last contact is
-- on the day: an index range over last_contact rather than a scan of the
-- contact log. Never edit this file once shipped.
CREATE INDEX clients_by_last_contact ON clients (last_contact) WHERE last_contact IS NOT NULL;
