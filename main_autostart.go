package main

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"

	"clienttracker/gui/autostart"
)

// loginItem is what the tray option starts at login: this program, in
// the tray (--background). A program run with `go run` from a temporary
// folder is not worth starting at login: the zero App leaves login alone.
func loginItem() autostart.App {
	exe, err := os.Executable()
	if err != nil {
		fyne.LogError("find the program for the start at login", err)
		return autostart.App{}
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	if tmp := os.TempDir(); tmp != "" && isUnder(exe, tmp) {
		return autostart.App{}
	}
	return autostart.App{ID: appID, Name: "Client Tracker", Exe: exe, Args: []string{"--background"}}
}

// isUnder reports whether path is inside dir.
func isUnder(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
