package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// MoveTo moves the database to dest, a file that must not exist yet, and
// goes on working there: the owner's data leaves, say, the desktop for a
// synced folder without closing the window.
//
// The copy is made by SQLite from one snapshot (as Backup does) while the
// store holds the write lock, so no change can be committed to the old
// file after the copy; it is then checked (integrity, foreign keys, schema
// version, and the same number of rows in every table) before the store
// switches to it. The old file is never deleted: it is renamed to
// OLD.moved-YYYYMMDD (with -2, -3… if that name is taken), so that nothing
// opens it by mistake and the owner can still find it.
//
// Calls still running on the store when it switches fail; call MoveTo
// when the window is idle.
//
// It returns an error wrapping fs.ErrExist if dest exists, ErrReadOnly for
// a store opened read-only, ErrDamaged if the copy fails its checks (the
// copy is then removed and the store is unchanged), and wrapped I/O or
// SQLite errors otherwise. An error from renaming the old file comes after
// the switch: the store then already uses dest.
func (db *DB) MoveTo(ctx context.Context, dest string) error {
	if db.readOnly {
		return fmt.Errorf("move database: %w", ErrReadOnly)
	}
	src, err := filepath.Abs(db.Path())
	if err != nil {
		return fmt.Errorf("move database: %w", err)
	}
	dst, err := filepath.Abs(dest)
	if err != nil {
		return fmt.Errorf("move database: %w", err)
	}
	if err := mustNotExist(dst); err != nil {
		return fmt.Errorf("move database: %w", err)
	}

	// Holding the write transaction keeps every other writer waiting until
	// the store has switched; they then get the new file, or fail on the
	// closed old one, and never commit to a file being left behind.
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("move database: %w", err)
	}
	defer tx.Rollback()
	if err := copyDatabase(ctx, src, dst); err != nil {
		return exportErr(ctx, "move database", err)
	}
	if err := verifyCopy(ctx, tx, dst); err != nil {
		return fmt.Errorf("move database: %w", errors.Join(err, removeIfExists(dst)))
	}
	if err := db.switchTo(ctx, dst); err != nil {
		return fmt.Errorf("move database: %w", errors.Join(err, removeIfExists(dst)))
	}
	// The old connection closes with the transaction; only then is the old
	// file free to rename (Windows refuses to rename an open file).
	if err := tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return fmt.Errorf("move database: %w", err)
	}
	if _, err := moveAside(src, db.now()); err != nil {
		return fmt.Errorf("move database: moved to %s, but the old file stays under its name: %w", dst, err)
	}
	return nil
}

// verifyCopy checks the copy at path: SQLite's integrity and foreign key
// checks, this version's schema, and as many rows in each table as tx sees
// in the original.
func verifyCopy(ctx context.Context, tx *sql.Tx, path string) (err error) {
	version, problems, err := checkDatabase(ctx, path)
	switch {
	case err != nil:
		return err
	case len(problems) > 0:
		return fmt.Errorf("%w: %s", ErrDamaged, problems[0])
	case version != len(migrations):
		return fmt.Errorf("%w: schema version %d, want %d", ErrDamaged, version, len(migrations))
	}
	want, err := tableRows(ctx, tx)
	if err != nil {
		return err
	}
	ro, err := sql.Open("sqlite3", dsn(path, roParams(path)+"&_busy_timeout=5000"))
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, ro.Close()) }()
	ro.SetMaxOpenConns(1)
	got, err := tableRows(ctx, ro)
	if err != nil {
		return err
	}
	for table, n := range want {
		if got[table] != n {
			return fmt.Errorf("%w: table %s has %d rows, want %d", ErrDamaged, table, got[table], n)
		}
	}
	if len(got) != len(want) {
		return fmt.Errorf("%w: %d tables, want %d", ErrDamaged, len(got), len(want))
	}
	return nil
}

// querier is what tableRows needs of a transaction or a connection pool.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// tableRows counts the rows of every table of the database q reads.
func tableRows(ctx context.Context, q querier) (map[string]int64, error) {
	rows, err := q.QueryContext(ctx, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'")
	if err != nil {
		return nil, err
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, errors.Join(err, rows.Close())
		}
		tables = append(tables, name)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, err
	}
	counts := make(map[string]int64, len(tables))
	for _, t := range tables {
		var n int64
		// Table names come from the schema itself; quoted, as a name may
		// hold any character.
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM "`+t+`"`).Scan(&n); err != nil {
			return nil, fmt.Errorf("count %s: %w", t, err)
		}
		counts[t] = n
	}
	return counts, nil
}

// moveAside renames the database at path, with its -wal and -shm files if
// any are left, to path.moved-YYYYMMDD (now's date), adding -2, -3… when
// that name is taken, and returns the new name.
func moveAside(path string, now time.Time) (string, error) {
	kept, err := freeName(path + ".moved-" + now.Format("20060102"))
	if err != nil {
		return "", err
	}
	if err := os.Rename(path, kept); err != nil {
		return "", err
	}
	// A log left next to the old name would be replayed into a new file
	// created there later; it belongs with the file it came from.
	for _, s := range []string{"-wal", "-shm"} {
		if err := os.Rename(path+s, kept+s); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return kept, err
		}
	}
	return kept, syncDir(filepath.Dir(path))
}
