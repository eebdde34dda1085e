//go:build darwin

package winpos

/*
#cgo CFLAGS: -x objective-c
#cgo LDFLAGS: -framework AppKit
#import <AppKit/AppKit.h>

// ctPosition reads the window's top-left corner in screen points (macOS
// counts y upwards from the bottom of the main screen).
static int ctPosition(uintptr_t w, double *x, double *y) {
	NSWindow *win = (NSWindow *)(void *)w;
	if (win == nil) {
		return 0;
	}
	NSRect f = [win frame];
	*x = f.origin.x;
	*y = NSMaxY(f);
	return 1;
}

// ctMove puts the window's top-left corner at x, y if a screen still shows
// the left end of its title bar there.
static int ctMove(uintptr_t w, double x, double y) {
	NSWindow *win = (NSWindow *)(void *)w;
	if (win == nil) {
		return 0;
	}
	NSPoint grip = NSMakePoint(x + 32, y - 8);
	for (NSScreen *s in [NSScreen screens]) {
		if (NSPointInRect(grip, [s visibleFrame])) {
			[win setFrameTopLeftPoint:NSMakePoint(x, y)];
			return 1;
		}
	}
	return 0;
}
*/
import "C"

import "fyne.io/fyne/v2/driver"

func position(ctx any) (x, y int, ok bool) {
	c, isMac := ctx.(driver.MacWindowContext)
	if !isMac || c.NSWindow == 0 {
		return 0, 0, false
	}
	var cx, cy C.double
	if C.ctPosition(C.uintptr_t(c.NSWindow), &cx, &cy) == 0 {
		return 0, 0, false
	}
	return int(cx), int(cy), true
}

func move(ctx any, x, y int) bool {
	c, isMac := ctx.(driver.MacWindowContext)
	if !isMac || c.NSWindow == 0 {
		return false
	}
	return C.ctMove(C.uintptr_t(c.NSWindow), C.double(x), C.double(y)) != 0
}

// Native reports whether windows can be placed on this platform.
const Native = true
