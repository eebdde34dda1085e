//go:build windows

package db

import "os"

// claimTemp keeps a handle on the temporary file at path until release is
// called: Windows refuses to delete a file that is open without
// FILE_SHARE_DELETE, which Go and SQLite both leave out.
func claimTemp(path string) (release func() error, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return f.Close, nil
}

// removeUnclaimed removes the file at path; one still open in a live
// process cannot be removed and is left alone.
func removeUnclaimed(path string) {
	_ = os.Remove(path) // in use, or not ours to remove: left for next time
}
