//go:build (linux || freebsd || openbsd || netbsd) && !wayland

package winpos

/*
#cgo LDFLAGS: -lX11
#include <X11/Xlib.h>

static int ctFailed;

static int ctOnError(Display *d, XErrorEvent *e) {
	ctFailed = 1;
	return 0;
}

// A call works through a connection of its own (window ids are the same on
// every connection), and its errors are caught, not left to Xlib's default
// handler, which exits: ctBegin opens the connection and installs the
// handler, ctEnd waits for the server's answers, puts the old handler back
// and reports whether an error came.
typedef int (*ctHandler)(Display *, XErrorEvent *);

static Display *ctBegin(ctHandler *old) {
	Display *d = XOpenDisplay(NULL);
	if (d != NULL) {
		*old = XSetErrorHandler(ctOnError);
		ctFailed = 0;
	}
	return d;
}

static int ctEnd(Display *d, ctHandler old) {
	XSync(d, False);
	XSetErrorHandler(old);
	XCloseDisplay(d);
	return !ctFailed;
}

// ctPosition finds the window's top-left corner on the root window.
static int ctPosition(unsigned long win, int *x, int *y) {
	ctHandler old;
	Display *d = ctBegin(&old);
	if (d == NULL) {
		return 0;
	}
	Window child;
	int ok = XTranslateCoordinates(d, (Window)win, DefaultRootWindow(d), 0, 0, x, y, &child);
	return ctEnd(d, old) && ok;
}

// ctMove moves the window so its top-left corner is at x, y, if that
// corner is on the screen with room for a title bar to grab. GLFW asks for
// static gravity, so the point is the window's content, as ctPosition
// reads it, with or without a window manager's frame around it.
static int ctMove(unsigned long win, int x, int y) {
	ctHandler old;
	Display *d = ctBegin(&old);
	if (d == NULL) {
		return 0;
	}
	XWindowAttributes root;
	int ok = XGetWindowAttributes(d, DefaultRootWindow(d), &root);
	ok = ok && x >= 0 && y >= 0 && x < root.width - 64 && y < root.height - 64;
	if (ok) {
		XMoveWindow(d, (Window)win, x, y);
	}
	return ctEnd(d, old) && ok;
}
*/
import "C"

import "fyne.io/fyne/v2/driver"

func position(ctx any) (x, y int, ok bool) {
	c, isX11 := ctx.(driver.X11WindowContext)
	if !isX11 || c.WindowHandle == 0 {
		return 0, 0, false
	}
	var cx, cy C.int
	if C.ctPosition(C.ulong(c.WindowHandle), &cx, &cy) == 0 {
		return 0, 0, false
	}
	return int(cx), int(cy), true
}

func move(ctx any, x, y int) bool {
	c, isX11 := ctx.(driver.X11WindowContext)
	if !isX11 || c.WindowHandle == 0 {
		return false
	}
	return C.ctMove(C.ulong(c.WindowHandle), C.int(x), C.int(y)) != 0
}

// Native reports whether windows can be placed on this platform.
const Native = true
