//go:build windows

package instance

import (
	"os"
	"syscall"
)

// ended reports whether process pid has ended (0: not known, taken as
// ended).
func ended(pid int) bool {
	if pid == 0 || pid == os.Getpid() {
		return true
	}
	const synchronize = 0x00100000
	h, err := syscall.OpenProcess(synchronize, false, uint32(pid))
	if err != nil {
		return true // no such process any more
	}
	defer syscall.CloseHandle(h)
	ev, err := syscall.WaitForSingleObject(h, 0)
	return err == nil && ev == syscall.WAIT_OBJECT_0
}
