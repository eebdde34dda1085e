//go:build windows

package instance

import "syscall"

// allowForeground lets the window this launch asks for come to the front.
// Windows gives the foreground to the program the owner has just started
// from a shortcut, not to one running in the background (the app in the
// tray), which may only flash in the taskbar unless the foreground program
// allows it to take over.
func allowForeground() {
	const asfwAny = ^uintptr(0) // ASFW_ANY, (DWORD)-1: whichever program
	syscall.NewLazyDLL("user32.dll").NewProc("AllowSetForegroundWindow").Call(asfwAny)
}
