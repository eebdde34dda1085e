-- 0006: checks every SQLite tool reads as healthy. SQLite before 3.45
-- (Debian 12, Ubuntu 22.04, macOS's own sqlite3) returns 0, not NULL, for
-- json_valid(NULL), so 0002's CHECK (json_valid(quiet)) failed there for
-- every client without quiet periods: their integrity_check listed errors
-- on healthy books and `sqlite3 book .dump | sqlite3 copy` lost every
-- client. Never edit this file once shipped.
--
-- SQLite cannot ALTER a CHECK. Loosening one changes nothing stored (every
-- row meets the new check), which is the case the ALTER TABLE page allows
-- to edit sqlite_schema for directly, inside this migration's transaction.
-- The text replaced is what 0002's ADD COLUMN stored. (json_type(options)
-- = 'array' on complaints stays: options is NOT NULL, and json_type of a
-- JSON array is 'array' in every SQLite with JSON.)
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'quiet TEXT CHECK (json_valid(quiet))',
                          'quiet TEXT CHECK (quiet IS NULL OR json_valid(quiet))')
 WHERE type = 'table' AND name = 'clients';
PRAGMA writable_schema = OFF;
-- A schema change through SQL moves the schema cookie on, so every other
-- connection, in this process or another, reads the edited schema afresh.
CREATE TABLE schema_reload (x);
DROP TABLE schema_reload;
