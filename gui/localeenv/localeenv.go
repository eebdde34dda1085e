// Package localeenv keeps Fyne quiet about a "C.UTF-8" locale. Imported for
// its side effect by main, it runs before Fyne's lang package reads the
// locale: since Go 1.21 packages are initialised in import-path order once
// their own imports are, and this one needs only os, while
// "clienttracker/…" sorts before "fyne.io/…".
//
// cron, scripts, services and containers run with LANG=C.UTF-8 (or
// POSIX.UTF-8); Fyne's locale library reads that as the language "C" and
// every command printed three lines of "Fyne error: Error parsing user
// locale C". C and POSIX alone it already takes as "no locale".
package localeenv

import (
	"os"
	"strings"
)

func init() { Quiet() }

// Quiet sets LANGUAGE=en when the locale in force (LC_ALL, LC_MESSAGES or
// LANG, the first one set) is C or POSIX with a character set, and
// LANGUAGE is not set. Fyne's locale library then reads English, which is
// what the C locale means; gettext ignores LANGUAGE under the C locale, so
// programs started from the app see no change.
func Quiet() {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(k)
		if v == "" {
			continue
		}
		if (strings.HasPrefix(v, "C.") || strings.HasPrefix(v, "POSIX.")) && os.Getenv("LANGUAGE") == "" {
			os.Setenv("LANGUAGE", "en")
		}
		return
	}
}

// Locale is the locale the environment sets, as POSIX systems set it
// ("ro_RO.UTF-8" gives "ro-RO"); "" when unset or C/POSIX. The window asks
// Fyne when it is "", which also knows the Windows and macOS settings.
func Locale() string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" && v != "C" && v != "POSIX" && !strings.HasPrefix(v, "C.") {
			return strings.ReplaceAll(strings.SplitN(v, ".", 2)[0], "_", "-")
		}
	}
	return ""
}
