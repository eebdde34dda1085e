package cli

import (
	"fmt"
	"io"
	"time"

	"clienttracker/gui/instance"
)

// quitWait is how long `quit` waits for the windows to end: a window
// closes its book first, which for a large one takes a moment.
const quitWait = 30 * time.Second

// runQuit asks every Client Tracker window of this user to end the app,
// and waits until they have: the Windows installer and uninstaller run it
// before they replace or remove the program, which a window keeps in use
// there (the app waits in the tray from the owner's login on).
func runQuit(args []string, stdout io.Writer) error {
	fs := newFlags("quit", "clienttracker quit", stdout)
	if err := parse(fs, args); err != nil {
		return err
	}
	n, err := instance.Rendezvous("").QuitAll(quitWait)
	if err != nil {
		return fmt.Errorf("quit: %w", err)
	}
	word := "windows"
	if n == 1 {
		word = "window"
	}
	fmt.Fprintf(stdout, "closed %d Client Tracker %s\n", n, word)
	return nil
}
