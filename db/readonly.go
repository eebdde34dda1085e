package db

import (
	"os"
	"path/filepath"
)

// A book on read-only media (a CD, a locked share, a folder the owner made
// read-only) must still list, export, back up and check. A WAL database,
// which every book is, needs its -shm index to be read even read-only, and
// SQLite refuses ("attempt to write a readonly database") when it can
// neither find nor create one. When there is no -wal or -shm beside the
// book and its folder cannot be written, nothing can be writing the book
// either (a writer would have made them), so it is opened immutable: read
// as it is, without the index.

// roParams returns the DSN parameters of a connection that only reads the
// book at abs: mode=ro, and immutable=1 where the -shm cannot be made.
func roParams(abs string) string {
	if readOnlyMedia(abs) {
		return "mode=ro&immutable=1"
	}
	return "mode=ro"
}

// readOnlyMedia reports whether the book at abs has no -wal or -shm beside
// it and none can be made.
func readOnlyMedia(abs string) bool {
	for _, s := range []string{"-wal", "-shm"} {
		if _, err := os.Lstat(abs + s); err == nil {
			return false
		}
	}
	return checkDirWritable(filepath.Dir(abs)) != nil
}
