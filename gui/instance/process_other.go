//go:build !windows

package instance

import (
	"errors"
	"os"
	"syscall"
)

// ended reports whether process pid has ended (0: not known, taken as
// ended).
func ended(pid int) bool {
	if pid == 0 || pid == os.Getpid() {
		return true
	}
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}
