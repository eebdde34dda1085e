package gui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Layouts that hold at 1024x700 in every language: text wraps instead of
// widening the window, and rows of buttons wrap onto more lines.

// columnLayout centres its objects in a column at most width wide, as
// tall as their wrapped text needs at that width.
type columnLayout struct{ width float32 }

func (l *columnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(l.width, size.Width)
	for _, o := range objs {
		o.Resize(fyne.NewSize(w, o.MinSize().Height))
		h := o.MinSize().Height // wrapped at w
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos((size.Width-w)/2, max(0, (size.Height-h)/2)))
	}
}

func (l *columnLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s = s.Max(fyne.NewSize(min(m.Width, l.width), m.Height))
	}
	return s
}

// flowLayout puts objects in a row at their minimum size and wraps them
// onto the next line where the row is full, like words in a paragraph: a
// row of buttons that fits in English takes two lines in Georgian instead
// of pushing past the window's edge. Its height depends on its width, so
// it remembers the width it was last laid out at.
type flowLayout struct{ width float32 }

// newFlow returns a container that flows objs.
func newFlow(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&flowLayout{}, objs...)
}

func (l *flowLayout) rows(objs []fyne.CanvasObject, width float32) (pos []fyne.Position, height float32) {
	pad := theme.Padding()
	var x, y, line float32
	for _, o := range objs {
		if !o.Visible() {
			pos = append(pos, fyne.Position{})
			continue
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > width {
			x, y, line = 0, y+line+pad, 0
		}
		pos = append(pos, fyne.NewPos(x, y))
		x += m.Width + pad
		line = max(line, m.Height)
	}
	return pos, y + line
}

func (l *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	pos, _ := l.rows(objs, size.Width)
	for i, o := range objs {
		o.Move(pos[i])
		o.Resize(o.MinSize())
	}
}

// MinSize is the widest object's width, and the height of the rows at the
// width last laid out.
func (l *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w float32
	for _, o := range objs {
		if o.Visible() {
			w = max(w, o.MinSize().Width)
		}
	}
	_, h := l.rows(objs, max(w, l.width))
	return fyne.NewSize(w, h)
}

// wrappedCheck is a check box whose text wraps: widget.Check's text never
// does, and a long sentence in a check widens the form.
func wrappedCheck(c *widget.Check) fyne.CanvasObject {
	text := widget.NewLabel(c.Text)
	text.Wrapping = fyne.TextWrapWord
	c.Text = ""
	tap := widget.NewButton("", func() { c.SetChecked(!c.Checked) })
	tap.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, c, nil, container.NewStack(tap, text))
}

// longestDateWidth is the width of the widest date of the window's
// language, for a column of dates: a fixed 110 pixels cut "17 սեպ, 2026
// թ." short.
func longestDateWidth() float32 {
	var w float32
	for m := time.January; m <= time.December; m++ {
		w = max(w, widget.NewLabel(formatDate(time.Date(2026, m, 28, 0, 0, 0, 0, time.UTC))).MinSize().Width)
	}
	return w
}
