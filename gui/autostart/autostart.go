// Package autostart starts Client Tracker when the owner logs in, so that
// its daily reminder comes even on a day the owner does not open it: a
// per-user Run value in the registry on Windows, a LaunchAgent on macOS,
// an XDG autostart entry on Linux. Nothing needs administrator rights, and
// Disable removes exactly what Enable wrote.
package autostart

import (
	"fmt"
	"os"
	"path/filepath"
)

// App is the program to start at login.
type App struct {
	// ID is the app's reverse-DNS id ("app.clienttracker.desktop"): the
	// LaunchAgent's label and the autostart file's name.
	ID string
	// Name is what the system shows for the entry ("Client Tracker").
	Name string
	// Exe is the absolute path of the program to run.
	Exe string
	// Args are passed to it, e.g. --background to start in the tray.
	Args []string
}

// RunValue is the name of the value under
// HKCU\Software\Microsoft\Windows\CurrentVersion\Run that Enable writes on
// Windows; the uninstaller (assets/installer.nsi) removes it too.
const RunValue = "ClientTracker"

// Enable makes the system start a at login, replacing an entry written
// before (for another path, say, after the program moved). It returns
// wrapped I/O or registry errors.
func Enable(a App) error { return native().enable(a) }

// Disable removes what Enable wrote; without an entry it does nothing. It
// returns wrapped I/O or registry errors.
func Disable(a App) error { return native().disable(a) }

// Enabled reports whether an entry for a exists, whatever program it names.
func Enabled(a App) (bool, error) { return native().enabled(a) }

// method is one system's way of starting a program at login.
type method interface {
	enable(a App) error
	disable(a App) error
	enabled(a App) (bool, error)
}

// fileMethod is a method that is one file in a folder of the user's.
type fileMethod struct {
	dir     string             // the folder, created if missing
	name    func(a App) string // the file's name in dir
	content func(a App) []byte // what it holds
}

func (m fileMethod) path(a App) string { return filepath.Join(m.dir, m.name(a)) }

func (m fileMethod) enable(a App) error {
	if err := os.MkdirAll(m.dir, 0o755); err != nil {
		return fmt.Errorf("autostart: %w", err)
	}
	// Written beside and renamed, so a crash never leaves half an entry
	// that the system would refuse or, worse, half run.
	tmp, err := os.CreateTemp(m.dir, ".clienttracker-*")
	if err != nil {
		return fmt.Errorf("autostart: %w", err)
	}
	_, werr := tmp.Write(m.content(a))
	cerr := tmp.Close()
	if err := firstErr(werr, cerr, os.Chmod(tmp.Name(), 0o644)); err != nil {
		return fmt.Errorf("autostart: %w", firstErr(err, os.Remove(tmp.Name())))
	}
	if err := os.Rename(tmp.Name(), m.path(a)); err != nil {
		return fmt.Errorf("autostart: %w", firstErr(err, os.Remove(tmp.Name())))
	}
	return nil
}

func (m fileMethod) disable(a App) error {
	if err := os.Remove(m.path(a)); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("autostart: %w", err)
	}
	return nil
}

func (m fileMethod) enabled(a App) (bool, error) {
	_, err := os.Stat(m.path(a))
	switch {
	case err == nil:
		return true, nil
	case os.IsNotExist(err):
		return false, nil
	}
	return false, fmt.Errorf("autostart: %w", err)
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
