package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// funnel is the ladder at a glance: one horizontal bar per rung, as long as
// the rung is full compared with the fullest, with its name, count and
// spend; the black list stands apart at the bottom, in the danger colour.
// Tapping a rung's bar chooses it. One widget draws every bar, as a handful
// of rectangles and texts.
type funnel struct {
	widget.BaseWidget
	rows     []*funnelRow
	selected model.Stage
	onTap    func(model.Stage)
}

// funnelRow is what the funnel draws for one rung.
type funnelRow struct {
	stage       model.Stage
	count       int
	back, bar   *canvas.Rectangle
	name, value *canvas.Text
}

// funnelFigures is one rung as the funnel shows it.
type funnelFigures struct {
	Count int
	Value string // e.g. "12 · 1 234,00 lei"
}

func newFunnel(onTap func(model.Stage)) *funnel {
	f := &funnel{onTap: onTap}
	for _, st := range model.Stages {
		r := &funnelRow{stage: st, back: canvas.NewRectangle(color.Transparent), bar: canvas.NewRectangle(color.Transparent),
			name: canvas.NewText("", color.Black), value: canvas.NewText("", color.Black)}
		r.back.CornerRadius = theme.InputRadiusSize()
		r.bar.CornerRadius = theme.InputRadiusSize() / 2
		f.rows = append(f.rows, r)
	}
	f.ExtendBaseWidget(f)
	return f
}

// set shows the figures of every rung (in model.Stages order, with names
// already translated) and marks the chosen rung.
func (f *funnel) set(names []string, figures []funnelFigures, selected model.Stage) {
	for i, r := range f.rows {
		r.name.Text = names[i]
		r.count = figures[i].Count
		r.value.Text = figures[i].Value
	}
	f.selected = selected
	f.Refresh()
}

// row returns the drawn row of rung st.
func (f *funnel) row(st model.Stage) *funnelRow {
	for _, r := range f.rows {
		if r.stage == st {
			return r
		}
	}
	return nil
}

func (f *funnel) Tapped(ev *fyne.PointEvent) {
	if i := f.rowAt(ev.Position.Y); i >= 0 && f.onTap != nil {
		f.onTap(f.rows[i].stage)
	}
}

// Cursor shows a pointing hand: the bars are buttons.
func (f *funnel) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (f *funnel) rowHeight() float32 {
	return fyne.MeasureText("Mg", theme.TextSize(), fyne.TextStyle{}).Height + 2*theme.Padding()
}

// rowY is where row i starts; the black list, the last row, is set apart.
func (f *funnel) rowY(i int) float32 {
	y := float32(i) * f.rowHeight()
	if i == len(f.rows)-1 {
		y += 2 * theme.Padding()
	}
	return y
}

// rowAt returns the row at height y, or -1 between or below the rows.
func (f *funnel) rowAt(y float32) int {
	h := f.rowHeight()
	for i := range f.rows {
		if top := f.rowY(i); y >= top && y < top+h {
			return i
		}
	}
	return -1
}

func (f *funnel) CreateRenderer() fyne.WidgetRenderer {
	r := &funnelRenderer{f: f}
	for _, row := range f.rows {
		r.objects = append(r.objects, row.back, row.bar, row.name, row.value)
	}
	return r
}

type funnelRenderer struct {
	f       *funnel
	objects []fyne.CanvasObject
}

func (r *funnelRenderer) Destroy() {}

func (r *funnelRenderer) Objects() []fyne.CanvasObject { return r.objects }

// columns are the widths of the names and of the figures: the widest of
// each, so every bar starts and may end at the same place.
func (r *funnelRenderer) columns() (name, value float32) {
	size := theme.TextSize()
	for _, row := range r.f.rows {
		name = max(name, fyne.MeasureText(row.name.Text, size, fyne.TextStyle{Bold: true}).Width)
		value = max(value, fyne.MeasureText(row.value.Text, size, fyne.TextStyle{}).Width)
	}
	return name, value
}

// minBarWidth keeps the bars readable in a narrow window.
const minBarWidth = 80

func (r *funnelRenderer) MinSize() fyne.Size {
	pad := theme.Padding()
	name, value := r.columns()
	last := len(r.f.rows) - 1
	return fyne.NewSize(name+value+minBarWidth+4*pad, r.f.rowY(last)+r.f.rowHeight())
}

func (r *funnelRenderer) Layout(size fyne.Size) {
	pad := theme.Padding()
	h := r.f.rowHeight()
	nameW, valueW := r.columns()
	barX := pad + nameW + pad
	room := max(size.Width-barX-pad-valueW-pad, 0)
	most := 0
	for _, row := range r.f.rows {
		most = max(most, row.count)
	}
	for i, row := range r.f.rows {
		y := r.f.rowY(i)
		row.back.Move(fyne.NewPos(0, y))
		row.back.Resize(fyne.NewSize(size.Width, h))
		textH := row.name.MinSize().Height
		row.name.Move(fyne.NewPos(pad, y+(h-textH)/2))
		row.name.Resize(fyne.NewSize(nameW, textH))
		var w float32
		if most > 0 && row.count > 0 {
			w = max(room*float32(row.count)/float32(most), 2) // a rung with clients always shows
		}
		row.bar.Move(fyne.NewPos(barX, y+pad))
		row.bar.Resize(fyne.NewSize(w, h-2*pad))
		row.value.Move(fyne.NewPos(barX+w+pad, y+(h-textH)/2))
		row.value.Resize(fyne.NewSize(valueW, textH))
	}
}

func (r *funnelRenderer) Refresh() {
	th := r.f.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	for _, row := range r.f.rows {
		chosen := row.stage == r.f.selected
		row.back.FillColor = color.Transparent
		if chosen {
			row.back.FillColor = th.Color(theme.ColorNameHover, v)
		}
		row.bar.FillColor = th.Color(theme.ColorNamePrimary, v)
		if row.stage == model.StageBlacklist {
			row.bar.FillColor = th.Color(theme.ColorNameError, v)
		}
		for _, t := range []*canvas.Text{row.name, row.value} {
			t.Color = th.Color(theme.ColorNameForeground, v)
			t.TextSize = th.Size(theme.SizeNameText)
		}
		row.name.TextStyle.Bold = chosen
	}
	r.Layout(r.f.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}
