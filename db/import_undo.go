package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"clienttracker/model"
)

// Undoing an import. Just before an import writes anything, while its
// transaction holds the write lock, the book as last committed is copied
// into the backups folder (VACUUM INTO, through a connection of its own:
// in WAL mode it reads the committed book, not the import's uncommitted
// rows). The import records that copy and the book's revision it leaves.
// Undo puts the copy back in the book's place (as Restore does, keeping
// what it replaces), but only while the revision is still the one the
// import left: any later change, by the window or a command, would be
// lost by it, so then the owner is told to restore a backup instead.
// Only the last import can be undone.

// undoSuffix names the copy an import keeps for undo: clients.db's is
// backups/clients-before-import.db. Backup rotation never deletes it (its
// name has no date), and each import replaces it.
const undoSuffix = "-before-import"

// keepForUndo copies the committed book for undoing the import that tx is
// about to write, and records it in tx; source, created and updated say
// what the import was. It is called inside the import's transaction,
// before its first write.
func (db *DB) keepForUndo(ctx context.Context, tx *sql.Tx, source string, created, updated int) error {
	p, err := db.backupPlace(ctx)
	if err != nil {
		return fmt.Errorf("keep a copy for undo: %w", err)
	}
	if err := os.MkdirAll(p.dir, 0o700); err != nil {
		return fmt.Errorf("keep a copy for undo: %w", err)
	}
	abs, err := filepath.Abs(db.Path())
	if err != nil {
		return fmt.Errorf("keep a copy for undo: %w", err)
	}
	// The last import's copy gives way: only the last import can be
	// undone. The copy is written as a backup is (private, under a
	// temporary name a killed import leaves for the next start to tidy).
	path := filepath.Join(p.dir, p.base+undoSuffix+p.ext)
	if err := removeIfExists(path); err != nil {
		return fmt.Errorf("keep a copy for undo: %w", err)
	}
	if err := copyDatabase(ctx, abs, path); err != nil {
		return fmt.Errorf("keep a copy for undo: %w", err)
	}
	// beginWrite has already counted this transaction: its revision is
	// the one the import leaves.
	var rev int64
	if err := tx.QueryRowContext(ctx, "SELECT n FROM book_revision").Scan(&rev); err != nil {
		return fmt.Errorf("keep a copy for undo: %w", err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO import_undo (id, snapshot, revision, at, source, created, updated)
		VALUES (1, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET snapshot = excluded.snapshot, revision = excluded.revision, at = excluded.at,
			source = excluded.source, created = excluded.created, updated = excluded.updated`,
		path, rev, formatTimestamp(db.now()), source, created, updated)
	if err != nil {
		return fmt.Errorf("keep a copy for undo: %w", err)
	}
	return nil
}

// LastImport returns the import that UndoImport would undo, and whether
// there is one that can still be undone: ok is false when there was none,
// its copy is gone, or the book has changed since. Errors are wrapped
// SQLite errors.
func (db *DB) LastImport(ctx context.Context) (u model.ImportUndo, ok bool, err error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return u, false, storeErr("last import", err)
	}
	defer tx.Rollback()
	u, rev, found, err := lastImport(ctx, tx)
	if err != nil || !found {
		return u, false, storeErr("last import", err)
	}
	if _, err := os.Stat(u.Snapshot); err != nil {
		return u, false, nil
	}
	return u, rev == u.Revision, storeErr("last import", tx.Commit())
}

// lastImport reads the undo record and the book's revision.
func lastImport(ctx context.Context, tx *sql.Tx) (u model.ImportUndo, rev int64, found bool, err error) {
	if err := tx.QueryRowContext(ctx, "SELECT n FROM book_revision").Scan(&rev); err != nil {
		return u, 0, false, err
	}
	var at string
	err = tx.QueryRowContext(ctx, "SELECT snapshot, revision, at, source, created, updated FROM import_undo WHERE id = 1").
		Scan(&u.Snapshot, &u.Revision, &at, &u.Source, &u.Created, &u.Updated)
	if errors.Is(err, sql.ErrNoRows) {
		return u, rev, false, nil
	}
	if err != nil {
		return u, rev, false, err
	}
	if u.At, err = time.Parse(time.RFC3339, at); err != nil {
		return u, rev, false, fmt.Errorf("import undo time: %w", err)
	}
	return u, rev, true, nil
}

// UndoImport puts the book back as it was before the last import: the copy
// kept then takes the book's place, and the book as it is now is kept
// beside it (kept, as RestoreBackup returns it). An export made after the
// undo is the same, byte for byte, as one made before the import.
//
// It returns model.ErrNoImport when there is no import to undo (none yet,
// or its copy was removed), model.ErrImportChanged when the book has
// changed since the import (undoing it would lose those changes), and
// the errors of RestoreBackup.
func (db *DB) UndoImport(ctx context.Context) (u model.ImportUndo, kept string, err error) {
	if db.readOnly {
		return u, "", fmt.Errorf("undo import: %w", ErrReadOnly)
	}
	tx, err := db.beginQuietWrite(ctx)
	if err != nil {
		return u, "", storeErr("undo import", err)
	}
	u, rev, found, err := lastImport(ctx, tx)
	rerr := tx.Rollback()
	switch {
	case err != nil || rerr != nil:
		return u, "", storeErr("undo import", errors.Join(err, rerr))
	case !found:
		return u, "", fmt.Errorf("undo import: %w", model.ErrNoImport)
	case rev != u.Revision:
		return u, "", fmt.Errorf("undo import: %w", model.ErrImportChanged)
	}
	if _, err := os.Stat(u.Snapshot); err != nil {
		return u, "", fmt.Errorf("undo import: %w (%v)", model.ErrNoImport, err)
	}
	kept, err = db.RestoreBackup(ctx, u.Snapshot)
	if err != nil {
		return u, kept, fmt.Errorf("undo import: %w", err)
	}
	// The copy is the book now; a second undo has nothing to go back to.
	return u, kept, removeIfExists(u.Snapshot)
}
