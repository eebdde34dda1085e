package db

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one embedded schema change; its version is its position.
type migration struct {
	name string // file name, for errors
	sql  string
}

// migrations are the embedded schema changes in order: migrations[i] takes
// the database from user_version i to i+1.
var migrations = mustLoadMigrations()

// mustLoadMigrations reads db/migrations/NNNN_what.sql. The numbers must run
// 1, 2, 3, … without gaps: a mistake there is a build error, caught by any
// test, not something a user could meet.
func mustLoadMigrations() []migration {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		panic(err)
	}
	// Glob returns names sorted, and the numbers are zero-padded.
	ms := make([]migration, 0, len(names))
	for i, name := range names {
		base := path.Base(name)
		num, _, ok := strings.Cut(base, "_")
		if n, err := strconv.Atoi(num); !ok || err != nil || n != i+1 {
			panic(fmt.Sprintf("db: migration %s should be numbered %04d", base, i+1))
		}
		b, err := migrationFiles.ReadFile(name)
		if err != nil {
			panic(err)
		}
		ms = append(ms, migration{name: base, sql: string(b)})
	}
	return ms
}

// migrate applies the migrations the database has not had yet, each in its
// own transaction together with the new user_version, so a crash leaves
// the database at one version or the next, never in between.
//
// A database with data at an older version is first copied into the
// backups folder (backupBeforeUpgrade), so an upgrade can always be undone.
func (db *DB) migrate(ctx context.Context) error {
	var version int
	if err := db.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if version == len(migrations) {
		// Up to date: no write transaction, which would wait for another
		// writer (an import, a window) before a command could even start.
		return nil
	}
	if version > 0 && version < len(migrations) {
		abs, err := filepath.Abs(db.path)
		if err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if err := backupBeforeUpgrade(ctx, abs, version, db.now()); err != nil {
			return err
		}
	}
	from := -1
	for {
		done, err := db.migrateOne(ctx, &from)
		if err != nil || done {
			return err
		}
	}
}

// scheduleVersion is the latest version that added or changed per-client
// schedule columns (stage and next_due in 2, due_key and due_risk in 3,
// auto_stage, lapsed and ready in 4, due_key's priority in the day's list
// migration, a debt's size in due_key in the debt rank migration), which
// SQL alone cannot fill. It is found by name, so the migrations can be
// renumbered.
var scheduleVersion = versionAfter("_debt_rank.sql")

// versionAfter returns the version a database has once the migration whose
// file name ends in suffix has been applied.
func versionAfter(suffix string) int {
	for i, m := range migrations {
		if strings.HasSuffix(m.name, suffix) {
			return i + 1
		}
	}
	panic("db: no migration named *" + suffix)
}

// migrateOne applies the next migration, or reports that there is none. The
// version is read inside the write transaction, so two copies of the app
// opening the same new file cannot both apply a migration. *from is the
// version before the first migration (set by the first call).
//
// When the migrations take a database from before scheduleVersion to the
// latest, the last one's transaction also recomputes every client's
// schedule (in Go, with the code that knows the latest schema), so no
// reader ever sees a migrated client without a stage.
func (db *DB) migrateOne(ctx context.Context, from *int) (done bool, err error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return false, fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return false, fmt.Errorf("migrate: %w", err)
	}
	if *from < 0 {
		*from = version
	}
	switch {
	case version > len(migrations):
		return false, ErrTooNew
	case version == len(migrations):
		return true, nil
	}
	m := migrations[version]
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return false, fmt.Errorf("migrate %s: %w", m.name, err)
	}
	if version+1 == len(migrations) && *from < scheduleVersion {
		if err := db.recompute(ctx, tx, db.today()); err != nil {
			return false, fmt.Errorf("migrate %s: %w", m.name, err)
		}
	}
	// PRAGMA takes no parameters; version is an int we computed.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version+1)); err != nil {
		return false, fmt.Errorf("migrate %s: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migrate %s: %w", m.name, err)
	}
	return false, nil
}
