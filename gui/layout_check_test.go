package gui

import (
	"fmt"
	"reflect"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// layoutProblems walks everything shown on canvas c (the window's content
// and its overlays: dialogs, menus) as laid out now and describes each
// place where the owner would see a broken layout:
//
//   - a button, label, check, choice or container smaller than its minimum
//     size: its text or content is cut off;
//   - an object that reaches outside its container, or outside the window;
//   - two objects side by side in a container that overlap;
//   - a scroll area wider than its viewport (a horizontal scroll bar on a
//     page that should wrap);
//   - tabs that fold behind "…".
//
// Fyne's own widgets draw their insides as they like (a button's text
// over its background), so the rules apply to the app's containers and to
// the widgets in them, not to the pieces a widget draws itself.
//
// win is the window size the app promises to fit: a window whose content
// needs more grows past it, which the check reports too.
func layoutProblems(c fyne.Canvas, win fyne.Size) []string {
	w := &layoutWalker{win: win}
	if s := c.Size(); s.Width > win.Width+tolerance || s.Height > win.Height+tolerance {
		w.report("window", "grew to %v to fit its content (%q)", s, firstText(c.Content()))
	}
	if content := c.Content(); content != nil && content.Visible() {
		w.checkInWindow(content, fyne.Position{}, "window")
		w.walk(content, fyne.Position{}, "window", false)
	}
	for i, o := range c.Overlays().List() {
		if o.Visible() {
			w.walk(o, fyne.Position{}, fmt.Sprintf("overlay %d", i), false)
		}
	}
	return w.problems
}

type layoutWalker struct {
	win      fyne.Size
	problems []string
}

// tolerance absorbs rounding of text sizes to whole pixels.
const tolerance = 1.5

func (w *layoutWalker) report(path string, format string, args ...any) {
	// The last few steps of the path say enough to find the place.
	if steps := strings.Split(path, " > "); len(steps) > 4 {
		path = "… > " + strings.Join(steps[len(steps)-4:], " > ")
	}
	w.problems = append(w.problems, path+": "+fmt.Sprintf(format, args...))
}

// describe names an object for a report: its type and any text it shows.
func describe(o fyne.CanvasObject) string {
	t := strings.TrimPrefix(reflect.TypeOf(o).String(), "*")
	switch v := o.(type) {
	case *widget.Label:
		return fmt.Sprintf("%s %q", t, v.Text)
	case *widget.Button:
		return fmt.Sprintf("%s %q", t, v.Text)
	case *widget.Check:
		return fmt.Sprintf("%s %q", t, v.Text)
	case *widget.Hyperlink:
		return fmt.Sprintf("%s %q", t, v.Text)
	case *fyne.Container:
		if v.Layout != nil {
			return fmt.Sprintf("container(%s)", strings.TrimPrefix(reflect.TypeOf(v.Layout).String(), "layout."))
		}
		return "container"
	}
	return t
}

// firstText returns the first text shown inside o, to say where a
// container is.
func firstText(o fyne.CanvasObject) string {
	for _, x := range test.LaidOutObjects(o) {
		switch v := x.(type) {
		case *widget.Label:
			if v.Text != "" {
				return v.Text
			}
		case *widget.Button:
			if v.Text != "" {
				return v.Text
			}
		}
	}
	return ""
}

// checkInWindow reports an object that reaches past the window's edges.
func (w *layoutWalker) checkInWindow(o fyne.CanvasObject, abs fyne.Position, path string) {
	s := o.Size()
	if abs.X+s.Width > w.win.Width+tolerance || abs.Y+s.Height > w.win.Height+tolerance || abs.X < -tolerance || abs.Y < -tolerance {
		w.report(path, "%s at %v size %v leaves the %v window", describe(o), abs, s, w.win)
	}
}

// cutOff says whether o is a widget or container whose size is below its
// minimum, so part of it is not drawn, and the size it needs.
func cutOff(o fyne.CanvasObject) (bool, fyne.Size) {
	switch v := o.(type) {
	case *widget.Label:
		if v.Truncation != fyne.TextTruncateOff {
			// A line of detail may end in "…"; a name or heading (bold)
			// must be read whole.
			if !v.TextStyle.Bold || v.Size().IsZero() {
				return false, fyne.Size{}
			}
			whole := widget.NewLabel(v.Text)
			whole.TextStyle, whole.SizeName = v.TextStyle, v.SizeName
			return whole.MinSize().Width > v.Size().Width+tolerance, whole.MinSize()
		}
	case *widget.Button, *widget.Check, *widget.Select, *widget.Hyperlink, *widget.RadioGroup,
		*widget.Entry, *textEntry, *widget.SelectEntry, *dateField, *fyne.Container:
	default:
		return false, fyne.Size{}
	}
	s, m := o.Size(), o.MinSize()
	if s.IsZero() {
		return false, m // not laid out, so not drawn (a dialog's title is laid out on its own)
	}
	return s.Width+tolerance < m.Width || s.Height+tolerance < m.Height, m
}

// overlapping reports whether a container's layout places its objects
// side by side (so they must not overlap); a stack puts them on purpose
// one over the other.
func overlapping(c *fyne.Container) bool {
	if c.Layout == nil {
		return false
	}
	switch strings.TrimPrefix(reflect.TypeOf(c.Layout).String(), "*") {
	case "layout.vBoxLayout", "layout.hBoxLayout", "layout.gridLayout", "layout.formLayout",
		"layout.borderLayout", "layout.gridWrapLayout", "gui.halvesLayout", "gui.flowLayout", "gui.columnLayout":
		return true
	}
	return false
}

// walk checks o, at absolute position abs, and everything in it.
// inScroll is true inside a scroll area, whose content may be taller than
// the window.
func (w *layoutWalker) walk(o fyne.CanvasObject, abs fyne.Position, path string, inScroll bool) {
	if !o.Visible() {
		return
	}
	here := path + " > " + describe(o)
	if cut, need := cutOff(o); cut {
		w.report(here, "is cut off: size %v, needs %v (%q)", o.Size(), need, firstText(o))
	}
	switch v := o.(type) {
	case *fyne.Container:
		w.walkContainer(v, abs, here, inScroll)
	case *container.Scroll:
		if v.Content != nil && (v.Direction == container.ScrollBoth || v.Direction == container.ScrollHorizontalOnly) &&
			v.Content.MinSize().Width > v.Size().Width+tolerance {
			w.report(here, "scrolls sideways: content needs %.0f, shown %.0f (%q)", v.Content.MinSize().Width, v.Size().Width, firstText(v.Content))
		}
		if v.Content != nil {
			w.walk(v.Content, abs.Add(v.Content.Position()), here, true)
		}
	case *container.AppTabs:
		for _, x := range test.WidgetRenderer(v).Objects() {
			w.findOverflow(x, here)
		}
		w.walkWidget(v, abs, here, inScroll)
	case *widget.Table, *widget.Entry, *textEntry, *dateField, *widget.SelectEntry, *widget.Select:
		// Their insides scroll and clip on purpose.
	case fyne.Widget:
		w.walkWidget(v, abs, here, inScroll)
	}
}

func (w *layoutWalker) walkWidget(v fyne.Widget, abs fyne.Position, here string, inScroll bool) {
	for _, x := range test.WidgetRenderer(v).Objects() {
		w.walk(x, abs.Add(x.Position()), here, inScroll)
	}
}

// findOverflow reports the "…" button of tabs that do not all fit.
func (w *layoutWalker) findOverflow(o fyne.CanvasObject, path string) {
	if !o.Visible() {
		return
	}
	if b, ok := o.(*widget.Button); ok && b.Text == "" && b.Icon != nil &&
		(b.Icon.Name() == theme.MoreHorizontalIcon().Name() || b.Icon.Name() == theme.MoreVerticalIcon().Name()) {
		w.report(path, "some tabs fold behind \"…\"")
		return
	}
	switch v := o.(type) {
	case *fyne.Container:
		for _, x := range v.Objects {
			w.findOverflow(x, path)
		}
	case fyne.Widget:
		if _, ok := v.(*widget.Button); ok {
			return
		}
		for _, x := range test.WidgetRenderer(v).Objects() {
			w.findOverflow(x, path)
		}
	}
}

func (w *layoutWalker) walkContainer(c *fyne.Container, abs fyne.Position, here string, inScroll bool) {
	size := c.Size()
	var shown []fyne.CanvasObject
	for _, x := range c.Objects {
		if !x.Visible() || x.Size().IsZero() {
			continue
		}
		if _, spacer := x.(interface{ ExpandVertical() bool }); spacer {
			continue
		}
		shown = append(shown, x)
		p, s := x.Position(), x.Size()
		if c.Layout != nil && (p.X < -tolerance || p.Y < -tolerance || p.X+s.Width > size.Width+tolerance || p.Y+s.Height > size.Height+tolerance) {
			w.report(here, "%s at %v size %v leaves its container of size %v (%q)", describe(x), p, s, size, firstText(x))
		}
		if !inScroll {
			w.checkInWindow(x, abs.Add(p), here)
		}
	}
	if overlapping(c) {
		// A tight box (layout.NewCustomPaddedVBoxLayout with a negative
		// padding) pulls lines of text into each other's padding, not
		// their glyphs: up to twice the padding is fine there.
		slack := float32(tolerance)
		if t := reflect.TypeOf(c.Layout).String(); strings.HasSuffix(t, "vBoxLayout") || strings.HasSuffix(t, "hBoxLayout") {
			slack += 2 * theme.Padding()
		}
		for i := range shown {
			for j := i + 1; j < len(shown); j++ {
				if dx, dy := overlap(shown[i], shown[j]); dx > slack && dy > slack {
					w.report(here, "%s (%q) and %s (%q) overlap by %.0fx%.0f", describe(shown[i]), firstText(shown[i]),
						describe(shown[j]), firstText(shown[j]), dx, dy)
				}
			}
		}
	}
	for _, x := range c.Objects {
		w.walk(x, abs.Add(x.Position()), here, inScroll)
	}
}

// overlap returns how far two objects' rectangles overlap on each axis.
func overlap(a, b fyne.CanvasObject) (dx, dy float32) {
	ap, as, bp, bs := a.Position(), a.Size(), b.Position(), b.Size()
	dx = min(ap.X+as.Width, bp.X+bs.Width) - max(ap.X, bp.X)
	dy = min(ap.Y+as.Height, bp.Y+bs.Height) - max(ap.Y, bp.Y)
	return dx, dy
}
