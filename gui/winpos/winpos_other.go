//go:build !windows && !darwin && !((linux || freebsd || openbsd || netbsd) && !wayland)

package winpos

// Wayland (and platforms without a desktop driver) let no client place its
// window: the system decides where it opens.

func position(any) (x, y int, ok bool) { return 0, 0, false }

func move(any, int, int) bool { return false }

// Native reports whether windows can be placed on this platform: not here.
const Native = false
