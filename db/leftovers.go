package db

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Files being written (backups, exports, a restore's copy) get a hidden
// temporary name ending in tempExt until they are complete. A process
// killed half-way leaves one behind, full of client data (tens of MB for a
// big book), so the next start, export or backup removes the leftovers it
// finds in the folders it uses. A temporary file still being written by a
// live process is claimed (claimTemp) and left alone.

// tempExt ends the name of every temporary file the store writes.
const tempExt = ".ct-tmp"

// isLeftover reports whether name is one of the store's temporary files:
// hidden, ending in tempExt, or in the .tmp names of earlier versions
// (".clients.db-123.tmp", ".clients-456.csv.tmp").
func isLeftover(name string) bool {
	if !strings.HasPrefix(name, ".") {
		return false
	}
	if strings.HasSuffix(name, tempExt) {
		return true
	}
	if !strings.HasSuffix(name, ".tmp") {
		return false
	}
	if strings.HasSuffix(name, ".csv.tmp") {
		for _, t := range exportTables {
			if strings.HasPrefix(name, "."+t.name+"-") {
				return true
			}
		}
		return false
	}
	return strings.Contains(name, ".db-")
}

// removeLeftovers removes the store's temporary files in dir that no live
// process is writing. It does its best and reports nothing: a folder it
// cannot read, or a file it cannot remove, is left for next time, never
// at the cost of the start, export or backup that called it.
func removeLeftovers(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return // missing or unreadable: nothing to tidy here
	}
	for _, e := range entries {
		if e.Type().IsRegular() && isLeftover(e.Name()) {
			removeUnclaimed(filepath.Join(dir, e.Name()))
		}
	}
}

// createPrivate creates an empty file at abs that only its owner may read
// and write, unless a file is there already, and reports whether it did.
// SQLite gives a database's -wal and -shm files the mode of the database
// file, so a book created this way keeps all three private whatever the
// umask; SQLite itself would create them 0644 less the umask.
func createPrivate(abs string) (bool, error) {
	f, err := os.OpenFile(abs, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, f.Close()
}

// removeUnborn removes the book at abs that Open created, with whatever
// SQLite left beside it, when opening it failed before anything was
// written: an empty file left behind would be refused as a failed copy.
func removeUnborn(abs string) error {
	if fi, err := os.Stat(abs); err != nil || fi.Size() > 0 {
		return nil // gone, or holds something: leave it
	}
	var errs []error
	for _, s := range []string{"", "-wal", "-shm", "-journal"} {
		errs = append(errs, removeIfExists(abs+s))
	}
	return errors.Join(errs...)
}

// tempPattern is the os.CreateTemp pattern of the temporary file written
// before it is renamed to final: hidden, ending in tempExt.
func tempPattern(final string) string {
	return "." + filepath.Base(final) + "-*" + tempExt
}
