//go:build !windows

package db

import (
	"os"
	"syscall"
)

// claimTemp marks the temporary file at path as being written by this
// process until release is called: a shared flock, which removeUnclaimed's
// exclusive one cannot take. The process's end releases it too.
func claimTemp(path string) (release func() error, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	return f.Close, nil
}

// removeUnclaimed removes the file at path unless a live process claims it.
func removeUnclaimed(path string) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil {
		return // being written
	}
	_ = os.Remove(path) // a file we cannot remove is left for next time
}
