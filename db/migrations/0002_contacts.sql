-- 0002: staying in touch. The contact log (interactions), promised updates,
-- complaints, why a client was lost, each client's own contact plan, and
-- the per-client schedule the due list reads: ladder stage and next due day.
-- See docs/schema.md for why each column and index exists. Never edit this
-- file once shipped: add 0003_*.sql instead.
--
-- The new client columns start empty (stage 'newbie', next_due NULL); the
-- store recomputes every client in the same transaction as this migration
-- (db/migrate.go, afterMigration), so no reader sees them unset.

-- Lost: NULL lost_reason while they are a client. No CHECK on the reason
-- list: like channel, a later version may add reasons without rebuilding
-- the table; model validates it.
ALTER TABLE clients ADD COLUMN lost_reason TEXT CHECK (lost_reason <> '');
ALTER TABLE clients ADD COLUMN lost_text TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN lost_on TEXT
    CHECK (lost_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');

-- The client's contact plan (model.ContactPlan).
ALTER TABLE clients ADD COLUMN check_in_days INTEGER NOT NULL DEFAULT 0 CHECK (check_in_days >= 0);
ALTER TABLE clients ADD COLUMN do_not_contact INTEGER NOT NULL DEFAULT 0 CHECK (do_not_contact IN (0, 1));
-- Quiet months and date ranges as one JSON object, NULL for none:
-- {"months":[7,8],"ranges":[{"from":"2026-12-20","to":"2027-01-05"}]}.
-- Read and written only whole, with the client, and never searched.
ALTER TABLE clients ADD COLUMN quiet TEXT CHECK (json_valid(quiet));
ALTER TABLE clients ADD COLUMN snoozed_until TEXT
    CHECK (snoozed_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');

-- Contact aggregates, kept exact by the interactions_* triggers below (as
-- the purchase aggregates are by 0001's), so that the schedule rules read
-- them from the client row: how many contacts, the latest one's time (a
-- timestamp) and the feedback of the latest one that had any.
ALTER TABLE clients ADD COLUMN contact_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clients ADD COLUMN last_contact TEXT;
ALTER TABLE clients ADD COLUMN last_feedback TEXT NOT NULL DEFAULT '';
-- Every purchase's date, comma-separated, NULL for none; kept by the
-- purchases_dates_* triggers (and by InsertRecords, which writes a
-- client's purchases before the client). The ladder's "still buying at
-- their usual rhythm" needs them for every client at each recompute.
ALTER TABLE clients ADD COLUMN purchase_dates TEXT;

-- The schedule, written by the store (db/schedule.go) in the transaction of
-- every write that affects it: the ladder stage, and the earliest day
-- anything about the client is due (NULL: never).
ALTER TABLE clients ADD COLUMN stage TEXT NOT NULL DEFAULT 'newbie'
    CHECK (stage IN ('newbie', 'prospect', 'buyer', 'loyal', 'advocate', 'vip', 'blacklist'));
ALTER TABLE clients ADD COLUMN next_due TEXT
    CHECK (next_due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');

-- The due list reads the clients due by a day from here. Partial: clients
-- who are never due (lost, opted out) stay out of it; a comparison on
-- next_due implies IS NOT NULL, so SQLite still uses it for next_due <= ?.
CREATE INDEX clients_by_next_due ON clients (next_due) WHERE next_due IS NOT NULL;

-- The lost-clients report counts clients by reason; only lost clients are
-- in this index, so the count reads a few entries instead of every client.
CREATE INDEX clients_lost ON clients (lost_reason) WHERE lost_reason IS NOT NULL;

-- A client's purchases by date, now with the amount, so that the spend of
-- the last twelve months (the VIP rule) is summed from the index alone.
-- It replaces 0001's purchases_by_client_date (client_id, date), which it
-- serves in every use: newest-first lists, the triggers' recounts, the
-- cascade.
CREATE INDEX purchases_by_client_date_amount ON purchases (client_id, date, amount);
DROP INDEX purchases_by_client_date;

UPDATE clients SET purchase_dates = (SELECT group_concat(date) FROM purchases WHERE client_id = clients.id);

-- The dates are listed again from the index (in date order) on every
-- change: a client has tens of purchases.
CREATE TRIGGER purchases_dates_after_insert AFTER INSERT ON purchases
BEGIN
    UPDATE clients SET purchase_dates = (SELECT group_concat(date) FROM purchases WHERE client_id = clients.id)
    WHERE id = NEW.client_id;
END;

CREATE TRIGGER purchases_dates_after_update AFTER UPDATE OF client_id, date ON purchases
BEGIN
    UPDATE clients SET purchase_dates = (SELECT group_concat(date) FROM purchases WHERE client_id = clients.id)
    WHERE id IN (OLD.client_id, NEW.client_id);
END;

CREATE TRIGGER purchases_dates_after_delete AFTER DELETE ON purchases
BEGIN
    UPDATE clients SET purchase_dates = (SELECT group_concat(date) FROM purchases WHERE client_id = clients.id)
    WHERE id = OLD.client_id;
END;

-- Unpaid purchases by client and due day: the black-list rule needs each
-- client's oldest overdue debt, and only a few purchases are unpaid.
CREATE INDEX purchases_owed ON purchases (client_id, due_date) WHERE unpaid > 0;

CREATE TABLE promises (
    id        INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    what      TEXT    NOT NULL CHECK (trim(what) <> ''),
    made_on   TEXT    NOT NULL CHECK (made_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    due_by    TEXT    NOT NULL CHECK (due_by GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    status    TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept', 'broken', 'cancelled')),
    kept_on   TEXT    CHECK (kept_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    -- A kept-on day exactly when kept.
    CHECK ((status = 'kept') = (kept_on IS NOT NULL))
);

-- A client's promises, and their open ones (the schedule of one client)
-- without reading the closed ones; also the cascade from clients.
CREATE INDEX promises_by_client_status ON promises (client_id, status);
-- Every client's open promises (the due list, a full recompute), broken
-- ones of the last 90 days, and the shop's promise-keeping score: each is
-- one status and a range of days, without reading the kept ones; with
-- kept_on, the score is read from the index alone.
CREATE INDEX promises_by_status_due ON promises (status, due_by, kept_on);

CREATE TABLE interactions (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    at            TEXT    NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'), -- RFC 3339, UTC
    -- No CHECK on the channel list, so a later version can add channels.
    channel       TEXT    NOT NULL CHECK (channel <> ''),
    summary       TEXT    NOT NULL DEFAULT '',
    feedback      TEXT    NOT NULL DEFAULT '' CHECK (feedback IN ('', 'positive', 'neutral', 'negative')),
    feedback_text TEXT    NOT NULL DEFAULT '',
    promise_id    INTEGER REFERENCES promises (id) ON DELETE SET NULL
);

-- A client's contacts newest first, their count and latest time (read
-- from the index alone), and the cascade from clients.
CREATE INDEX interactions_by_client_at ON interactions (client_id, at);
-- Deleting a promise clears promise_id of the contact that kept it; without
-- this index every promise delete scans the contact log. Partial: most
-- contacts keep no promise.
CREATE INDEX interactions_by_promise ON interactions (promise_id) WHERE promise_id IS NOT NULL;

CREATE TABLE complaints (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    opened_on   TEXT    NOT NULL CHECK (opened_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    what        TEXT    NOT NULL CHECK (trim(what) <> ''),
    options     TEXT    NOT NULL DEFAULT '[]' CHECK (json_type(options) = 'array'), -- JSON array of strings
    apologised  INTEGER NOT NULL DEFAULT 0 CHECK (apologised IN (0, 1)),
    status      TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    resolution  TEXT    NOT NULL DEFAULT '',
    resolved_on TEXT    CHECK (resolved_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    CHECK (status = 'resolved' OR resolved_on IS NULL)
);

-- A client's complaints, and the open ones, as for promises.
CREATE INDEX complaints_by_client_status ON complaints (client_id, status);
-- Every client's open complaints (the due list, a full recompute). Partial:
-- most complaints are resolved.
CREATE INDEX complaints_open ON complaints (client_id) WHERE status = 'open';

-- The contact aggregates on clients. An insert adds one contact; the
-- latest feedback is looked up from the newest contact back (a few index
-- steps). An update or delete counts the client's contacts again.
CREATE TRIGGER interactions_after_insert AFTER INSERT ON interactions
BEGIN
    UPDATE clients SET
        contact_count = contact_count + 1,
        last_contact  = max(coalesce(last_contact, NEW.at), NEW.at),
        last_feedback = coalesce((SELECT feedback FROM interactions
            WHERE client_id = clients.id AND feedback <> '' ORDER BY at DESC, id DESC LIMIT 1), '')
    WHERE id = NEW.client_id;
END;

CREATE TRIGGER interactions_after_update AFTER UPDATE OF client_id, at, feedback ON interactions
BEGIN
    UPDATE clients SET
        (contact_count, last_contact) = (SELECT count(*), max(at) FROM interactions WHERE client_id = clients.id),
        last_feedback = coalesce((SELECT feedback FROM interactions
            WHERE client_id = clients.id AND feedback <> '' ORDER BY at DESC, id DESC LIMIT 1), '')
    WHERE id IN (OLD.client_id, NEW.client_id);
END;

CREATE TRIGGER interactions_after_delete AFTER DELETE ON interactions
BEGIN
    UPDATE clients SET
        (contact_count, last_contact) = (SELECT count(*), max(at) FROM interactions WHERE client_id = clients.id),
        last_feedback = coalesce((SELECT feedback FROM interactions
            WHERE client_id = clients.id AND feedback <> '' ORDER BY at DESC, id DESC LIMIT 1), '')
    WHERE id = OLD.client_id;
END;
