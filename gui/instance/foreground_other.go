//go:build !windows

package instance

// allowForeground does nothing here: macOS lets the window that is asked
// for come forward, and a Linux window manager that keeps the focus where
// it is has no rule a program could lift.
func allowForeground() {}
