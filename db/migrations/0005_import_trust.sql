-- 0005: imports an owner can trust. Each phone's identity, the number as
-- the phone-number library reads it; a revision that every change to the
-- book advances; and what the last import needs to be undone. See
-- docs/schema.md. Never edit this file once shipped.

-- The E.164 form of the phone ("+37495430752"), read in the shop's home
-- country (model.PhoneE164); '' when the library cannot read it as a real
-- number; NULL until the store has computed it (db/phones.go fills it in
-- Go, with the library, right after this migration and whenever the home
-- country changes). Matching compares whole E.164 numbers, never a suffix.
ALTER TABLE client_phones ADD COLUMN e164 TEXT;

-- A caller looked up by number, an import's match: one entry per number.
CREATE INDEX client_phones_by_e164 ON client_phones (e164) WHERE e164 <> '';
-- A number the library cannot read is found by exactly its digits (a
-- whole number searched for, typed "37410123456" in a Romanian shop).
CREATE INDEX client_phones_unreadable ON client_phones (digits) WHERE e164 = '';
-- The phones still to be read by the library: empty once filled.
CREATE INDEX client_phones_unread ON client_phones (client_id) WHERE e164 IS NULL;

-- One row: the number of write transactions committed by this program.
-- An import records the revision it left the book at; the book can be put
-- back as it was before the import only while nothing else has changed it.
CREATE TABLE book_revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO book_revision (id, n) VALUES (1, 0);

-- The last import, while it can still be undone: the copy of the book
-- taken just before it (a file in the backups folder), the revision the
-- import left, and what it did. At most one row.
CREATE TABLE import_undo (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    snapshot   TEXT    NOT NULL,
    revision   INTEGER NOT NULL,
    at         TEXT    NOT NULL, -- RFC 3339, UTC
    source     TEXT    NOT NULL DEFAULT '', -- the file imported, as shown to the owner
    created    INTEGER NOT NULL DEFAULT 0,
    updated    INTEGER NOT NULL DEFAULT 0
);
