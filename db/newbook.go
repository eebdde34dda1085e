package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// unjournaledParams are writeParams for a book being built by
// BuildNewBook: no journal and no syncs. A journal is what undoes a
// transaction that fails and what survives a crash, and a book being
// built has no use for either: on any failure the whole file is removed,
// and it gets its name, synced to disk, only once it is complete. Written
// through WAL, each of its pages went to disk twice (the log, then the
// checkpoint), with a checksum each: a tenth of a sample book's time.
var unjournaledParams = strings.NewReplacer(
	"_journal_mode=WAL", "_journal_mode=OFF",
	"_synchronous=NORMAL", "_synchronous=OFF",
).Replace(writeParams)

// writeParams is the write connection's settings.
func (db *DB) writeParams() string {
	if db.unjournaled {
		return unjournaledParams
	}
	return writeParams
}

// BuildNewBook makes a new book at path, which must not exist: it opens
// a temporary file beside it (with opts), without a journal or syncs,
// calls fill with the store, closes it, syncs the file to disk and only
// then renames it to path. On any error, fill's included, path is not
// created and the temporary file is removed (one a killed process leaves
// is a leftover the next Open removes). The store is for fill alone: it
// must not keep it. The book is left in WAL mode, as Open leaves any.
//
// Errors wrap fs.ErrExist if path exists and ErrReadOnly if its folder
// cannot be written, and are fill's, Open's and I/O errors otherwise.
func BuildNewBook(ctx context.Context, path string, fill func(*DB) error, opts ...Option) (err error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("new book: %w", err)
	}
	if err := mustNotExist(abs); err != nil {
		return fmt.Errorf("new book: %w", err)
	}
	dir := filepath.Dir(abs)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return newBookErr(err)
	}
	f, err := os.CreateTemp(dir, tempPattern(abs))
	if err != nil {
		return newBookErr(err)
	}
	tmp := f.Name()
	// Open makes the file itself (it refuses an empty one as a failed
	// copy): the random name is kept, the empty file is not.
	if err := errors.Join(f.Close(), os.Remove(tmp)); err != nil {
		return fmt.Errorf("new book: %w", err)
	}
	defer func() {
		if err != nil {
			for _, s := range []string{"", "-journal", "-wal", "-shm"} {
				err = errors.Join(err, removeIfExists(tmp+s))
			}
		}
	}()
	store, err := Open(ctx, tmp, append(opts, func(db *DB) { db.unjournaled = true })...)
	if err != nil {
		return err
	}
	release, err := claimTemp(tmp)
	if err != nil {
		return errors.Join(fmt.Errorf("new book: %w", err), store.Close())
	}
	err = fill(store)
	err = errors.Join(err, store.Close(), release())
	if err != nil {
		return err
	}
	// In WAL mode, as Open leaves a book: the mode is kept in the file, and
	// a book that is not in it must be switched at its next open, which
	// waits for no busy timeout when another program is writing.
	if err := toWAL(ctx, tmp); err != nil {
		return fmt.Errorf("new book: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("new book: %w", err)
	}
	// Checked again: the book took a while, and a rename would replace a
	// file that appeared meanwhile.
	if err := mustNotExist(abs); err != nil {
		return fmt.Errorf("new book: %w", err)
	}
	if err := os.Rename(tmp, abs); err != nil {
		return fmt.Errorf("new book: %w", err)
	}
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("new book: %w", err)
	}
	return nil
}

// newBookErr wraps err of making the temporary file, as ErrReadOnly for
// a folder that cannot be written.
func newBookErr(err error) error {
	if isPermission(err) {
		return fmt.Errorf("new book: %w (%w)", ErrReadOnly, err)
	}
	return fmt.Errorf("new book: %w", err)
}

// toWAL puts the book at abs, which nothing has open, in WAL mode.
func toWAL(ctx context.Context, abs string) (err error) {
	c, err := sql.Open("sqlite3", dsn(abs, "_journal_mode=WAL"))
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, c.Close()) }()
	var mode string
	if err := c.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return err
	}
	if mode != "wal" {
		return fmt.Errorf("journal mode %q, not wal", mode)
	}
	return nil
}
