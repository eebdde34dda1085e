//go:build !windows && !darwin

package autostart

import (
	"os"
	"path/filepath"
)

func native() method {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home, _ := os.UserHomeDir()
		dir = filepath.Join(home, ".config")
	}
	return xdgAutostart(dir)
}
