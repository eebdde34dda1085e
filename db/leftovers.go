package db

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
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

// legacyTemp matches the temporary names of versions before tempExt: a
// backup's copy (".clients-2026-11-20.db-123.tmp"), Back up now's
// (".clients-2026-11-20.db-now.tmp"), a restore's
// (".clients.db-restore-20261120-101010.000000001.tmp") and an export's
// (".clients-456.csv.tmp"). Only names this exact are taken: a folder may
// hold other programs' hidden files.
var legacyTemp = regexp.MustCompile(`^\..+(\.db-[0-9]+|\.db-now|-restore-[0-9]{8}-[0-9]{6}\.[0-9]{9})\.tmp$`)

// isLeftover reports whether name is one of the store's temporary files:
// hidden and ending in tempExt, or a temporary name of earlier versions.
func isLeftover(name string) bool {
	if !strings.HasPrefix(name, ".") {
		return false
	}
	if strings.HasSuffix(name, tempExt) {
		return true
	}
	if legacyTemp.MatchString(name) {
		return true
	}
	for _, t := range exportTables {
		if rest, ok := strings.CutPrefix(name, "."+t.name+"-"); ok {
			if digits, ok := strings.CutSuffix(rest, ".csv.tmp"); ok && digits != "" && strings.Trim(digits, "0123456789") == "" {
				return true
			}
		}
	}
	return false
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
