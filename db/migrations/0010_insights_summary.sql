-- 0010: summaries for the Insights view (issue 17). First each client's
-- purchases per calendar month, kept by triggers. Its figures are per client
-- (who bought, who came back, who lapsed, the days between visits), and
-- summing a year of purchases per client meant sorting up to a million
-- rows each time the view opened. With one row per client and month, and
-- the client's last visit before that month beside it, the figures of a
-- month are plain sums over that month's rows in client order:
--   * the client's first row in a period is the one whose prior_day is
--     before the period: buyers are counted without grouping;
--   * a client came back if that prior_day is in the period before;
--   * the days between visits add up month by month: last_day less
--     prior_day (or less first_day for the client's first month ever).
-- Triggers rather than the store's write methods, so that every writer
-- (a form, an import, the sample books, a merge, a cascade) keeps it
-- right. Never edit this file once shipped.
CREATE TABLE purchase_months (
    month     TEXT    NOT NULL, -- 'YYYY-MM'
    client_id INTEGER NOT NULL, -- no foreign key: bulk inserts write purchases before their client
    purchases INTEGER NOT NULL, -- zero-amount sales count
    spend     INTEGER NOT NULL, -- minor units
    days      INTEGER NOT NULL, -- distinct days with a purchase: visits
    first_day TEXT    NOT NULL,
    last_day  TEXT    NOT NULL,
    prior_day TEXT,             -- the client's last purchase before the month; NULL if none
    PRIMARY KEY (month, client_id)
) WITHOUT ROWID;

-- A client's months, to correct prior_day of the months after a change, and
-- what a client spent in a period (the spend is in the index, so a sum is
-- one walk of a few entries).
CREATE INDEX purchase_months_by_client ON purchase_months (client_id, month, spend);

-- An insert adds to its month (the usual case: one upsert and a seek) and
-- may become the prior visit of the client's later months. A purchase
-- written before its client (the sample books' bulk insert does that, see
-- db/records.go) is left to the client's insert below, which sums all of
-- the client's months at once: a third of the work per purchase.
CREATE TRIGGER purchase_months_after_insert AFTER INSERT ON purchases
WHEN EXISTS (SELECT 1 FROM clients WHERE id = NEW.client_id)
BEGIN
    INSERT INTO purchase_months (month, client_id, purchases, spend, days, first_day, last_day, prior_day)
    VALUES (substr(NEW.date, 1, 7), NEW.client_id, 1, NEW.amount, 1, NEW.date, NEW.date,
        (SELECT max(date) FROM purchases WHERE client_id = NEW.client_id AND date < substr(NEW.date, 1, 7) || '-01'))
    ON CONFLICT (month, client_id) DO UPDATE SET
        purchases = purchases + 1,
        spend     = spend + excluded.spend,
        days      = days + NOT EXISTS (SELECT 1 FROM purchases
                        WHERE client_id = NEW.client_id AND date = NEW.date AND id <> NEW.id),
        first_day = min(first_day, excluded.first_day),
        last_day  = max(last_day, excluded.last_day);
    UPDATE purchase_months SET prior_day = NEW.date
    WHERE client_id = NEW.client_id AND month > substr(NEW.date, 1, 7)
        AND (prior_day IS NULL OR prior_day < NEW.date);
END;

-- A client inserted after their purchases: their months from those.
CREATE TRIGGER purchase_months_after_client_insert AFTER INSERT ON clients
BEGIN
    INSERT INTO purchase_months (month, client_id, purchases, spend, days, first_day, last_day, prior_day)
    SELECT month, NEW.id, purchases, spend, days, first_day, last_day,
        lag(last_day) OVER (ORDER BY month)
    FROM (SELECT substr(date, 1, 7) AS month, count(*) AS purchases, sum(amount) AS spend,
            count(DISTINCT date) AS days, min(date) AS first_day, max(date) AS last_day
        FROM purchases WHERE client_id = NEW.id GROUP BY month);
END;

-- An update or a delete may take away a month's first or last visit, which
-- no decrement can undo: the client's month is summed again from its few
-- purchases, and the later months' prior_day looked up again.
CREATE TRIGGER purchase_months_after_update AFTER UPDATE OF client_id, date, amount ON purchases
BEGIN
    DELETE FROM purchase_months WHERE (client_id, month) IN (
        VALUES (OLD.client_id, substr(OLD.date, 1, 7)), (NEW.client_id, substr(NEW.date, 1, 7)));
    INSERT INTO purchase_months (month, client_id, purchases, spend, days, first_day, last_day, prior_day)
    SELECT substr(p.date, 1, 7), p.client_id, count(*), sum(p.amount), count(DISTINCT p.date), min(p.date), max(p.date),
        (SELECT max(q.date) FROM purchases q WHERE q.client_id = p.client_id AND q.date < substr(p.date, 1, 7) || '-01')
    FROM purchases p
    WHERE (p.client_id = OLD.client_id AND p.date BETWEEN substr(OLD.date, 1, 7) || '-01' AND substr(OLD.date, 1, 7) || '-31')
       OR (p.client_id = NEW.client_id AND p.date BETWEEN substr(NEW.date, 1, 7) || '-01' AND substr(NEW.date, 1, 7) || '-31')
    GROUP BY 1, 2;
    UPDATE purchase_months SET prior_day = (SELECT max(q.date) FROM purchases q
            WHERE q.client_id = purchase_months.client_id AND q.date < purchase_months.month || '-01')
    WHERE client_id IN (OLD.client_id, NEW.client_id)
        AND month > min(substr(OLD.date, 1, 7), substr(NEW.date, 1, 7));
END;

CREATE TRIGGER purchase_months_after_delete AFTER DELETE ON purchases
BEGIN
    DELETE FROM purchase_months WHERE month = substr(OLD.date, 1, 7) AND client_id = OLD.client_id;
    INSERT INTO purchase_months (month, client_id, purchases, spend, days, first_day, last_day, prior_day)
    SELECT substr(OLD.date, 1, 7), OLD.client_id, count(*), sum(amount), count(DISTINCT date), min(date), max(date),
        (SELECT max(q.date) FROM purchases q WHERE q.client_id = OLD.client_id AND q.date < substr(OLD.date, 1, 7) || '-01')
    FROM purchases
    WHERE client_id = OLD.client_id AND date BETWEEN substr(OLD.date, 1, 7) || '-01' AND substr(OLD.date, 1, 7) || '-31'
    HAVING count(*) > 0;
    UPDATE purchase_months SET prior_day = (SELECT max(q.date) FROM purchases q
            WHERE q.client_id = purchase_months.client_id AND q.date < purchase_months.month || '-01')
    WHERE client_id = OLD.client_id AND month > substr(OLD.date, 1, 7);
END;

-- The books written before this version.
INSERT INTO purchase_months (month, client_id, purchases, spend, days, first_day, last_day, prior_day)
SELECT month, client_id, purchases, spend, days, first_day, last_day,
    lag(last_day) OVER (PARTITION BY client_id ORDER BY month)
FROM (SELECT substr(date, 1, 7) AS month, client_id, count(*) AS purchases, sum(amount) AS spend,
        count(DISTINCT date) AS days, min(date) AS first_day, max(date) AS last_day
    FROM purchases GROUP BY client_id, month);

-- Revenue per rung: each month's row looks up its client's rung now, here
-- in a small index rather than in the wide clients table (a year: 1.3 s
-- down to 0.3 s).
CREATE INDEX clients_rung ON clients (id, stage) WHERE lost_reason IS NULL;

-- Contacts by channel: one walk of each channel's range of the period
-- instead of sorting every contact of the period by channel (a year: 0.6 s
-- down to 0.08 s at a million contacts).
CREATE INDEX interactions_by_channel_at ON interactions (channel, at);
