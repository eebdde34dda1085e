package assets

import (
	"bytes"
	"image/png"
	"testing"

	"fyne.io/fyne/v2"
)

// The icons are the sizes their uses need: the window's and the tray's
// is shown at 16-48 px, and a 512 px one took 2.5-3 MB of the window's
// memory; the app icon is drawn large on the welcome screen and packaged.
func TestIconSizes(t *testing.T) {
	for _, c := range []struct {
		icon fyne.Resource
		size int
	}{{Icon, 512}, {WindowIcon, 128}} {
		img, err := png.Decode(bytes.NewReader(c.icon.Content()))
		if err != nil {
			t.Fatalf("%s: %v", c.icon.Name(), err)
		}
		if b := img.Bounds(); b.Dx() != c.size || b.Dy() != c.size {
			t.Errorf("%s is %dx%d, want %dx%d", c.icon.Name(), b.Dx(), b.Dy(), c.size, c.size)
		}
	}
}
