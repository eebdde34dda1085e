package db

import (
	"fmt"
	"os"
	"path/filepath"

	"clienttracker/model"
)

// ErrLocked is returned by Lock when another window has the database open
// for editing (model.ErrLocked).
var ErrLocked = model.ErrLocked

// Lock marks the database at path as being edited by this process, so
// that a second window on the same file can tell and offer to open it
// read-only. The mark is an operating-system lock on the file PATH.lock
// beside it (flock on Linux and macOS, an unshared handle on Windows), so
// it disappears with the process however that ends: a crash never leaves
// a stale lock behind. The lock file itself stays; it is empty.
//
// Sub-commands do not take the lock: they run short transactions that
// wait for the window's (the busy timeout), and the window sees their
// changes when it is next brought to the front.
//
// It returns ErrLocked (wrapped) when another process holds the lock, and
// wrapped I/O errors otherwise. Call unlock when the window closes.
func Lock(path string) (unlock func() error, err error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	f, err := lockFile(abs + ".lock")
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return f.Close, nil
}
