//go:build darwin

package autostart

import "os"

func native() method {
	home, _ := os.UserHomeDir()
	return launchAgent(home)
}
