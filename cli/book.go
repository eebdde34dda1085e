package cli

import (
	"context"
	"errors"
	"fmt"
	"os"

	"clienttracker/db"
	"clienttracker/gui/localeenv"
)

// openStore opens path; mustExist refuses to create a new file, for the
// sub-commands that only read. The defaults of the book's settings (money,
// sort order, the home country of phone numbers) follow the environment's
// locale; openStoreIn gives another.
func openStore(ctx context.Context, path string, mustExist bool) (*db.DB, error) {
	return openStoreIn(ctx, path, mustExist, localeenv.Locale())
}

// openStoreIn is openStore with the OS locale given.
func openStoreIn(ctx context.Context, path string, mustExist bool, locale string) (*db.DB, error) {
	if path == "" {
		return nil, usageError{"--db FILE is required"}
	}
	if mustExist {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("%s: no such database file: %w", path, os.ErrNotExist)
		}
	}
	store, err := db.Open(ctx, path, db.WithLocale(locale))
	if err != nil {
		return nil, describeOpenError(path, err)
	}
	return store, nil
}

// openForReading opens the existing book at path for a command that only
// reads it. A writable book opens as the window opens it (the day's
// schedule is computed and stored); a read-only one (on a CD, a locked
// share, made read-only) opens read-only instead of being refused.
func openForReading(ctx context.Context, path string) (*db.DB, error) {
	store, err := openStore(ctx, path, true)
	if !errors.Is(err, db.ErrReadOnly) {
		return store, err
	}
	if store, err = db.OpenReadOnly(ctx, path, db.WithLocale(localeenv.Locale())); err != nil {
		return nil, describeOpenError(path, err)
	}
	return store, nil
}

// openError says in a sentence why a database could not be opened and what
// to do; it unwraps to the store's error, so errors.Is still finds
// db.ErrNotDatabase and the others.
type openError struct {
	sentence string
	err      error
}

func (e *openError) Error() string { return e.sentence }
func (e *openError) Unwrap() error { return e.err }

func describeOpenError(path string, err error) error {
	var s string
	switch {
	case errors.Is(err, db.ErrEmpty):
		s = fmt.Sprintf("%s is empty (0 bytes), as a failed copy or sync leaves a file; nothing was changed. %s", path, damagedAdvice(path))
	case errors.Is(err, db.ErrTruncated):
		s = fmt.Sprintf("%s is cut short (the end of the file is missing), as a failed copy or sync leaves a file; nothing was changed. %s", path, damagedAdvice(path))
	case errors.Is(err, db.ErrNotDatabase):
		s = fmt.Sprintf("%s is not a Client Tracker database; nothing was changed. Choose another file, or move this one away to start a new database.", path)
	case errors.Is(err, db.ErrReadOnly):
		s = fmt.Sprintf("%s cannot be written (the file or its folder is read-only); nothing was changed. Copy it to a folder you can write to, or allow writing to it.", path)
	case errors.Is(err, db.ErrLocked):
		s = fmt.Sprintf("%s is open in another Client Tracker window; close it there first, or open it here read-only.", path)
	case errors.Is(err, db.ErrNeedsUpgrade):
		s = fmt.Sprintf("%s was saved by an older version of Client Tracker and cannot be written, so it cannot be upgraded; nothing was changed. Copy it to a folder you can write to and open the copy.", path)
	case errors.Is(err, db.ErrTooNew):
		s = fmt.Sprintf("%s was saved by a newer version of Client Tracker; nothing was changed. Install the newer version to open it.", path)
	default:
		s = fmt.Sprintf("Could not open %s: %v", path, err)
	}
	return &openError{sentence: s, err: err}
}

// access is how a command uses its book.
type access int

const (
	forReading  access = iota // must exist; a read-only book opens read-only
	forWriting                // must exist
	forCreating               // created when missing
)

// withBook opens the book at path for a command, runs do on it and closes
// it. A failed close (the last writes not reaching the disk) is the
// command's error when do itself succeeded: it is never dropped.
func withBook(ctx context.Context, path string, how access, do func(store *db.DB) error) (err error) {
	var store *db.DB
	switch how {
	case forReading:
		store, err = openForReading(ctx, path)
	default:
		store, err = openStore(ctx, path, how == forWriting)
	}
	if err != nil {
		return err
	}
	defer func() {
		if cerr := store.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("closing %s: %w", path, cerr)
		}
	}()
	return do(store)
}
