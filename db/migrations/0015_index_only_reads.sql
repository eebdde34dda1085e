-- 0015: two lookups of the due list read from an index alone (issue 19).
--
-- The one preference a due row's suggestion uses (the first liked product,
-- else the first liked brand, in the order entered; see duestream.go,
-- likedPref). Through preferences_by_client, each of the two lookups read
-- every preference of the client from the table to find it: for the whole
-- due list of the 100,000-client benchmark book, a quarter of its query's
-- time. The attitude is never read from it: it is there because SQLite
-- reads a column the query names from the table unless the index has it,
-- even one the index's WHERE already decides.
CREATE INDEX preferences_liked ON preferences (client_id, category, id, value, attitude)
    WHERE attitude <> 'dislikes' AND value <> '';

-- What each client owes, and since when: 0002's index with the sum owed
-- added, so that the debts of the due list and of a recompute, the owed
-- list and Insights' balances sum it from the index instead of reading
-- each unpaid purchase's row (51,000 at 100,000 clients).
DROP INDEX purchases_owed;
CREATE INDEX purchases_owed ON purchases (client_id, due_date, unpaid) WHERE unpaid > 0;
-- Never edit this file once shipped.
