package gui

import "fyne.io/fyne/v2"

// prefWindowSize keeps the window's width and height between runs, as one
// value: Fyne writes the preferences file at once on the first change but
// holds back a second change for 100 ms, which a quitting app may not live
// to see. Fyne 2.7 has no API to read or set a window's position on every
// driver, so the position is left to the system.
const prefWindowSize = "window.size"

// defaultWindowSize is the size of the first start; the app stays usable
// down to about 1024x700.
var defaultWindowSize = fyne.NewSize(1100, 720)

// savedWindowSize is the size the window had when it was last closed, or
// the default when none was saved or it was too small to be sensible.
func (u *UI) savedWindowSize() fyne.Size {
	wh := u.app.Preferences().FloatList(prefWindowSize)
	if len(wh) != 2 || wh[0] < 640 || wh[1] < 480 {
		return defaultWindowSize
	}
	return fyne.NewSize(float32(wh[0]), float32(wh[1]))
}

// saveWindowSize remembers the window's size for the next start.
func (u *UI) saveWindowSize() {
	s := u.win.Canvas().Size()
	if s.Width <= 0 || s.Height <= 0 {
		return
	}
	u.app.Preferences().SetFloatList(prefWindowSize, []float64{float64(s.Width), float64(s.Height)})
}
