package db

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const lockEnv = "CLIENTTRACKER_LOCK_TEST_DB"

// A second process cannot lock a database another one has locked, and can
// once the first has let go.
func TestLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shop.db")
	unlock, err := Lock(path)
	if err != nil {
		t.Fatal(err)
	}
	try := func() string {
		cmd := exec.Command(os.Args[0], "-test.run=^TestLockHelper$", "-test.v")
		cmd.Env = append(os.Environ(), lockEnv+"="+path)
		out, _ := cmd.CombinedOutput()
		return string(out)
	}
	if out := try(); !strings.Contains(out, "locked by another") {
		t.Errorf("a second process took the lock:\n%s", out)
	}
	if err := unlock(); err != nil {
		t.Fatal(err)
	}
	if out := try(); !strings.Contains(out, "lock taken") {
		t.Errorf("the lock was not free after unlock:\n%s", out)
	}
}

// TestLockHelper is the second process of TestLock.
func TestLockHelper(t *testing.T) {
	path := os.Getenv(lockEnv)
	if path == "" {
		t.Skip("run by TestLock")
	}
	unlock, err := Lock(path)
	switch {
	case errors.Is(err, ErrLocked):
		t.Log("locked by another process")
	case err != nil:
		t.Fatal(err)
	default:
		t.Log("lock taken")
		unlock()
	}
}
