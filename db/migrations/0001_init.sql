-- 0001: clients, their phones, tags, preferences and purchases, the owner's
-- settings, and the two full-text indexes the client list searches.
-- See docs/schema.md for why each index exists. Never edit this file once
-- shipped: add 0002_*.sql instead.

-- Marks the file as a Client Tracker database, so Open can refuse another
-- application's SQLite file instead of adding tables to it.
PRAGMA application_id = 1129607787; -- 0x4354726B, "CTrk"

CREATE TABLE clients (
    id             INTEGER PRIMARY KEY,
    name           TEXT    NOT NULL CHECK (trim(name) <> ''),
    email          TEXT    NOT NULL DEFAULT '',
    city           TEXT    NOT NULL DEFAULT '',
    address        TEXT    NOT NULL DEFAULT '',
    company        TEXT    NOT NULL DEFAULT '',
    channel        TEXT    NOT NULL DEFAULT '',
    since          TEXT,    -- 'YYYY-MM-DD'; NULL when unknown
    birth_day      INTEGER, -- NULL when no birthday is recorded
    birth_month    INTEGER,
    birth_year     INTEGER, -- NULL when only the day and month are known
    language       TEXT    NOT NULL DEFAULT '',
    referred_by    INTEGER REFERENCES clients (id) ON DELETE SET NULL,
    notes          TEXT    NOT NULL DEFAULT '',
    -- Collation key of name for the settings' sort language; compared as
    -- bytes, so ORDER BY sort_key is the language's alphabetical order.
    sort_key       BLOB    NOT NULL,
    -- Purchase aggregates, kept exact by the purchases_* triggers below so
    -- that the client list can sort and show them without a join.
    purchase_count INTEGER NOT NULL DEFAULT 0,
    total_spent    INTEGER NOT NULL DEFAULT 0,
    balance_owed   INTEGER NOT NULL DEFAULT 0,
    first_purchase TEXT,
    last_purchase  TEXT,
    created_at     TEXT    NOT NULL, -- RFC 3339, UTC
    updated_at     TEXT    NOT NULL
);

CREATE INDEX clients_by_name ON clients (sort_key);
CREATE INDEX clients_by_last_purchase ON clients (last_purchase DESC, sort_key);
CREATE INDEX clients_by_total_spent ON clients (total_spent DESC, sort_key);
CREATE INDEX clients_by_referrer ON clients (referred_by);

CREATE TABLE client_phones (
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL, -- 0-based, the order the owner typed them
    phone     TEXT    NOT NULL, -- as typed
    digits    TEXT    NOT NULL, -- model.PhoneDigits(phone)
    PRIMARY KEY (client_id, position)
) WITHOUT ROWID;

-- The rowid keeps the order the owner typed the tags in.
CREATE TABLE client_tags (
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    tag       TEXT    NOT NULL CHECK (trim(tag) <> ''),
    PRIMARY KEY (client_id, tag)
);

CREATE TABLE preferences (
    id        INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    attitude  TEXT    NOT NULL CHECK (attitude IN ('likes', 'dislikes')),
    category  TEXT    NOT NULL,
    value     TEXT    NOT NULL CHECK (trim(value) <> ''),
    note      TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX preferences_by_client ON preferences (client_id);

CREATE TABLE purchases (
    id        INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    date      TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    item      TEXT    NOT NULL CHECK (trim(item) <> ''),
    category  TEXT    NOT NULL DEFAULT '',
    amount    INTEGER NOT NULL CHECK (amount >= 0),      -- minor units
    unpaid    INTEGER NOT NULL DEFAULT 0 CHECK (unpaid BETWEEN 0 AND amount),
    due_date  TEXT,   -- 'YYYY-MM-DD'; NULL when nothing is owed
    note      TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX purchases_by_client_date ON purchases (client_id, date);

-- An insert only adds to the aggregates: one row update, no rescan of the
-- client's purchases. (InsertRecords inserts a client's purchases before
-- the client row, which it writes with the sums already made, so there the
-- trigger finds no row to update: see db/records.go.)
CREATE TRIGGER purchases_after_insert AFTER INSERT ON purchases
BEGIN
    UPDATE clients SET
        purchase_count = purchase_count + 1,
        total_spent    = total_spent + NEW.amount,
        balance_owed   = balance_owed + NEW.unpaid,
        first_purchase = min(coalesce(first_purchase, NEW.date), NEW.date),
        last_purchase  = max(coalesce(last_purchase, NEW.date), NEW.date)
    WHERE id = NEW.client_id;
END;

-- An update or delete may remove the first or last purchase, which an
-- increment cannot undo, so the client's few purchases are summed again.
CREATE TRIGGER purchases_after_update AFTER UPDATE ON purchases
BEGIN
    UPDATE clients SET
        (purchase_count, total_spent, balance_owed, first_purchase, last_purchase) = (
            SELECT count(*), coalesce(sum(amount), 0), coalesce(sum(unpaid), 0), min(date), max(date)
            FROM purchases WHERE client_id = clients.id)
    WHERE id IN (OLD.client_id, NEW.client_id);
END;

CREATE TRIGGER purchases_after_delete AFTER DELETE ON purchases
BEGIN
    UPDATE clients SET
        (purchase_count, total_spent, balance_owed, first_purchase, last_purchase) = (
            SELECT count(*), coalesce(sum(amount), 0), coalesce(sum(unpaid), 0), min(date), max(date)
            FROM purchases WHERE client_id = clients.id)
    WHERE id = OLD.client_id;
END;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Word search over a client's text, rowid = clients.id. Contentless (the
-- text already lives in clients) but deletable, so an edit can replace the
-- row. Written from Go in the same transaction as the client. alt holds
-- extra spellings: Latin transliterations of Armenian, Georgian and Cyrillic
-- words and ASCII forms of letters unicode61 does not fold (ł, ß, ø, ё).
CREATE VIRTUAL TABLE client_fts USING fts5 (
    name, email, city, company, address, tags, notes, alt,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3',
    content = '',
    contentless_delete = 1
);

-- Phone search by any run of three or more digits, rowid = clients.id, one
-- row per client holding the digits of all its phones separated by spaces
-- (a space never matches, so a run cannot straddle two numbers).
CREATE VIRTUAL TABLE client_phone_fts USING fts5 (
    digits,
    tokenize = 'trigram',
    content = '',
    contentless_delete = 1
);
