package gui_test

import (
	"time"

	"clienttracker/cli"
	"clienttracker/gui"
)

// The view tests open books as the program does (main.go → cli.Books).
func init() {
	gui.SetTestBooks(func(locale string, clock func() time.Time) gui.Books {
		return cli.Books{Locale: locale, Now: clock}
	})
}
