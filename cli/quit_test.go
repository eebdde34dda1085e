package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"clienttracker/gui/instance"
)

// TestQuitClosesTheWindows is `clienttracker quit` as the installer runs
// it: a window on a book (here one served in this process, which quits as
// the app does: by closing) is asked to end, and the command says so once
// it has.
func TestQuitClosesTheWindows(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir()) // the rendezvous folder of these windows alone
	code, out, errOut := runCLI(t, "quit")
	if code != 0 || strings.TrimSpace(out) != "closed 0 Client Tracker windows" {
		t.Fatalf("quit with no window: exit %d, %q %q", code, out, errOut)
	}
	quits := make(chan struct{}, 1)
	stopc := make(chan func(), 1)
	stop, err := instance.Rendezvous("").Serve(filepath.Join(t.TempDir(), "shop.db"), instance.Handlers{
		Show: func() {},
		Quit: func() { quits <- struct{}{}; go func() { (<-stopc)() }() },
	})
	if err != nil {
		t.Fatal(err)
	}
	stopc <- stop
	t.Cleanup(stop)
	code, out, errOut = runCLI(t, "quit")
	if code != 0 || strings.TrimSpace(out) != "closed 1 Client Tracker window" {
		t.Fatalf("quit with a window: exit %d, %q %q", code, out, errOut)
	}
	select {
	case <-quits:
	default:
		t.Error("the window was never asked to quit")
	}
}
