//go:build windows

package winpos

import (
	"syscall"
	"unsafe"

	"fyne.io/fyne/v2/driver"
)

var (
	user32                 = syscall.NewLazyDLL("user32.dll")
	procGetWindowPlacement = user32.NewProc("GetWindowPlacement")
	procSetWindowPlacement = user32.NewProc("SetWindowPlacement")
	procMonitorFromPoint   = user32.NewProc("MonitorFromPoint")
)

type point struct{ X, Y int32 }

type rect struct{ Left, Top, Right, Bottom int32 }

// windowPlacement is Win32's WINDOWPLACEMENT. Its normal position is where
// the window sits when neither minimised nor maximised, which is the one
// worth keeping: a window closed maximised comes back to it on restore.
type windowPlacement struct {
	Length         uint32
	Flags          uint32
	ShowCmd        uint32
	MinPosition    point
	MaxPosition    point
	NormalPosition rect
}

const monitorDefaultToNull = 0

func placement(hwnd uintptr) (windowPlacement, bool) {
	wp := windowPlacement{Length: uint32(unsafe.Sizeof(windowPlacement{}))}
	r, _, _ := procGetWindowPlacement.Call(hwnd, uintptr(unsafe.Pointer(&wp)))
	return wp, r != 0
}

func position(ctx any) (x, y int, ok bool) {
	c, isWin := ctx.(driver.WindowsWindowContext)
	if !isWin || c.HWND == 0 {
		return 0, 0, false
	}
	wp, ok := placement(c.HWND)
	if !ok {
		return 0, 0, false
	}
	return int(wp.NormalPosition.Left), int(wp.NormalPosition.Top), true
}

func move(ctx any, x, y int) bool {
	c, isWin := ctx.(driver.WindowsWindowContext)
	if !isWin || c.HWND == 0 {
		return false
	}
	// The title bar's left end must be on a monitor that is still there.
	pt := uintptr(uint32(int32(x+32))) | uintptr(uint32(int32(y+8)))<<32
	if m, _, _ := procMonitorFromPoint.Call(pt, monitorDefaultToNull); m == 0 {
		return false
	}
	wp, ok := placement(c.HWND)
	if !ok {
		return false
	}
	r := &wp.NormalPosition
	width, height := r.Right-r.Left, r.Bottom-r.Top
	r.Left, r.Top = int32(x), int32(y)
	r.Right, r.Bottom = r.Left+width, r.Top+height
	set, _, _ := procSetWindowPlacement.Call(c.HWND, uintptr(unsafe.Pointer(&wp)))
	return set != 0
}

// Native reports whether windows can be placed on this platform.
const Native = true
