package gui

import "fyne.io/fyne/v2"

// prefWindowSize keeps the window's width and height, and where it was when
// the platform can tell (x, y after them), between runs, as one value: Fyne
// writes the preferences file at once on the first change but holds back a
// second change for 100 ms, which a quitting app may not live to see.
const prefWindowSize = "window.size"

// defaultWindowSize is the size of the first start: small enough for the
// smallest screen the app is made for (1024x700, with room for the
// window's frame and the taskbar), so that nothing starts off the screen.
// Each layout holds at this size in every language (layout_test.go).
var defaultWindowSize = fyne.NewSize(1000, 660)

// WindowPlacer reads and sets where a window sits on the screen, in the
// platform's pixels. Fyne 2.7 has no API for it; main passes gui/winpos,
// which asks the platform's own window. Both report false where the
// position cannot be known or set (a test window, Wayland, a point no
// screen shows any more). Both run on the UI goroutine.
type WindowPlacer interface {
	Position(w fyne.Window) (x, y int, ok bool)
	Move(w fyne.Window, x, y int) bool
}

// savedWindowSize is the size the window had when it was last closed, or
// the default when none was saved or it was too small to be sensible.
func (u *UI) savedWindowSize() fyne.Size {
	wh := u.app.Preferences().FloatList(prefWindowSize)
	if (len(wh) != 2 && len(wh) != 4) || wh[0] < 640 || wh[1] < 480 {
		return defaultWindowSize
	}
	return fyne.NewSize(float32(wh[0]), float32(wh[1]))
}

// saveWindowSize remembers the window's size, and its position when the
// placer can read it, for the next start.
func (u *UI) saveWindowSize() {
	s := u.win.Canvas().Size()
	if s.Width <= 0 || s.Height <= 0 {
		return
	}
	saved := []float64{float64(s.Width), float64(s.Height)}
	if p := u.opts.Placer; p != nil {
		if x, y, ok := p.Position(u.win); ok {
			saved = append(saved, float64(x), float64(y))
		}
	}
	u.app.Preferences().SetFloatList(prefWindowSize, saved)
}

// Show puts the window on screen where it was when last closed (the
// system places it on the first start, or when that spot is off every
// screen now).
func (u *UI) Show() {
	u.win.Show()
	u.winShown = true
	saved := u.app.Preferences().FloatList(prefWindowSize)
	if p := u.opts.Placer; p != nil && len(saved) == 4 {
		p.Move(u.win, int(saved[2]), int(saved[3]))
	}
}
