package cli

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"
)

// TestSecondWriterWaitsThenSays holds the book's write lock, as a long
// import or a window's save does, and runs a command that writes: it
// waits a few seconds, then says who is writing and to try again, and
// changes nothing.
func TestSecondWriterWaitsThenSays(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the busy timeout")
	}
	path := mustDemo(t, "5")
	ctx := context.Background()
	// Another program's connection (the driver package db registers) holds
	// the write lock.
	other, err := sql.Open("sqlite3", "file:"+path+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	w, err := other.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	code, _, stderr := runCLI(t, "log", "--db", path, "--client", "1", "--summary", "called")
	waited := time.Since(start)
	if err := w.Rollback(); err != nil && err != sql.ErrTxDone {
		t.Fatal(err)
	}
	if code != exitFail || !strings.Contains(stderr, "another import or Client Tracker window is writing") ||
		!strings.Contains(stderr, "Try again") || strings.Contains(stderr, "database is locked") {
		t.Errorf("exit %d: %q", code, stderr)
	}
	if waited < 4*time.Second {
		t.Errorf("gave up after %v, before the busy timeout", waited)
	}
	// Once the lock is free, the same command works.
	if code, _, stderr := runCLI(t, "log", "--db", path, "--client", "1", "--summary", "called"); code != 0 {
		t.Errorf("after the lock: exit %d: %s", code, stderr)
	}
}
