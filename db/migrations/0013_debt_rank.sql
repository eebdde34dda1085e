-- Money owed ranks by its size in the day's list: due_key now packs a
-- debt's size before its day for the clients whose debt sets their place
-- (model.DueRank.Key, model.DueRankVersion 3), so the store recomputes
-- every client's key in the transaction of this migration (db/migrate.go,
-- scheduleVersion). No SQL changes. Never edit this file once shipped.
SELECT 1;
