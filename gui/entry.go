package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// textEntry is the text field of every form and dialog: a widget.Entry
// that passes Esc on to its window. Fyne gives every key to the focused
// widget and an Entry ignores Esc, so without this Esc would not close a
// dialog while the cursor is in one of its fields; the window's key
// handler (onTypedKey) closes the dialog on top, or does nothing.
type textEntry struct{ widget.Entry }

func newEntry() *textEntry {
	e := &textEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// newMultiLineEntry is widget.NewMultiLineEntry as a textEntry.
func newMultiLineEntry() *textEntry {
	e := &textEntry{}
	e.MultiLine, e.Wrapping = true, fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey hands Esc to the window and every other key to the Entry.
func (e *textEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil && c.OnTypedKey() != nil {
			c.OnTypedKey()(k)
			return
		}
	}
	e.Entry.TypedKey(k)
}
