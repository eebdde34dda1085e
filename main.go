// Command clienttracker is Client Tracker: a desktop client book for small
// shops. With no sub-command it opens the window; sub-commands work on a
// book without a window and print plain text (package cli).
package main

import (
	"os"

	"clienttracker/cli"
	_ "clienttracker/gui/localeenv" // before fyne reads the locale
)

// version is the app's version, shown by --version and in the About box;
// FyneApp.toml says the same (version_test.go).
const version = "0.1.0"

// appID identifies the app to the OS (preferences, notifications).
const appID = "app.clienttracker.desktop"

func main() {
	attachConsole()
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr, cli.Program{Version: version, ID: appID}))
}
