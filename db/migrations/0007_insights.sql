-- 0007: the Insights view (issue 17). Its figures are sums over a range of
-- days, but purchases and contacts were indexed by client first, so a month
-- meant reading all million purchases and contacts. These indexes hold
-- what the sums read, in date order, so a month reads only its own entries.
-- Never edit this file once shipped.
CREATE INDEX purchases_by_date ON purchases (date, client_id, amount);
CREATE INDEX interactions_by_at ON interactions (at, channel);
-- The clients new in a period (first purchase in it); partial: clients who
-- never bought are never new.
CREATE INDEX clients_by_first_purchase ON clients (first_purchase) WHERE first_purchase IS NOT NULL;
