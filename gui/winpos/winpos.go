// Package winpos reads and sets where a window sits on the screen. Fyne 2.7
// has no API for a window's position, so this goes through the platform's
// own window (driver.NativeWindow): the Win32 window placement on Windows,
// the NSWindow frame on macOS and Xlib on X11. Wayland lets no client place
// its windows, and there Position and Move report false.
//
// main hands a Placer to gui, which keeps the position between runs; gui
// itself stays free of native code so its tests need no window system.
package winpos

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

// Placer implements gui.WindowPlacer for the desktop driver's windows.
type Placer struct{}

// Position returns the top-left corner of w on the screen in the
// platform's pixels, or false where that cannot be known (a test window,
// Wayland, a window not shown yet). Call it on the UI goroutine.
func (Placer) Position(w fyne.Window) (x, y int, ok bool) {
	nw, native := w.(driver.NativeWindow)
	if !native {
		return 0, 0, false
	}
	nw.RunNative(func(ctx any) { x, y, ok = position(ctx) })
	return x, y, ok
}

// Move puts the top-left corner of w at x, y, as Position returned it. It
// does nothing and returns false when no screen shows that point any more
// (a monitor unplugged since), so a window never opens out of sight. Call
// it on the UI goroutine, after the window is shown.
func (Placer) Move(w fyne.Window, x, y int) bool {
	nw, native := w.(driver.NativeWindow)
	if !native {
		return false
	}
	moved := false
	nw.RunNative(func(ctx any) { moved = move(ctx, x, y) })
	return moved
}
