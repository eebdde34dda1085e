package autostart

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
)

// Self is what the tray option starts at login: this program, with args
// (the window passes --background, to start in the tray). A program run
// with `go run` from a temporary folder is not worth starting at login: the
// zero App leaves login alone.
func Self(id, name string, args ...string) App {
	exe, err := os.Executable()
	if err != nil {
		fyne.LogError("find the program for the start at login", err)
		return App{}
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	if tmp := os.TempDir(); tmp != "" && isUnder(exe, tmp) {
		return App{}
	}
	return App{ID: id, Name: name, Exe: exe, Args: args}
}

// isUnder reports whether path is inside dir.
func isUnder(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
