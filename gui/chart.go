package gui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// chartSeries is one set of values of a chart, e.g. this period's.
type chartSeries struct {
	Name   string
	Values []float64
	Texts  []string // each value as the owner reads it ("1 234,00 lei")
	Faint  bool     // drawn in the muted colour: the previous period
}

// chart is a bar or line chart drawn with Fyne canvas objects, so that it
// takes the theme's colours in light and dark and the app's font, which
// has every script of the labels. Hovering or tapping a bar shows its
// value under the chart.
type chart struct {
	widget.BaseWidget
	title  string
	labels []string // one per group of bars (or point of the lines)
	series []chartSeries
	line   bool // lines through the points instead of bars
	shown  string
}

func newChart(title string, line bool) *chart {
	c := &chart{title: title, line: line}
	c.ExtendBaseWidget(c)
	return c
}

// set replaces the chart's data.
func (c *chart) set(labels []string, series []chartSeries) {
	c.labels, c.series, c.shown = labels, series, ""
	c.Refresh()
}

// Tapped shows the value of the bar under the pointer.
func (c *chart) Tapped(e *fyne.PointEvent) { c.pointAt(e.Position) }

// MouseIn, MouseMoved and MouseOut show the hovered bar's value.
func (c *chart) MouseIn(e *desktop.MouseEvent)    { c.pointAt(e.Position) }
func (c *chart) MouseMoved(e *desktop.MouseEvent) { c.pointAt(e.Position) }
func (c *chart) MouseOut()                        {}

func (c *chart) pointAt(pos fyne.Position) {
	g, s := c.hit(pos, c.Size())
	if g < 0 {
		return
	}
	text := c.labels[g] + " · " + c.series[s].Name + ": " + c.series[s].Texts[g]
	if text != c.shown {
		c.shown = text
		c.Refresh()
	}
}

// chartLayout is where the plot area of a chart of size sz lies.
func chartArea(sz fyne.Size) (x, y, w, h float32) {
	pad := theme.Padding()
	text := theme.TextSize()
	x, y = pad, text+3*pad
	w = sz.Width - 2*pad
	h = sz.Height - y - 2*(text+2*pad)
	return x, y, w, max(h, 1)
}

// hit returns the group and series of the bar (or point) at pos, or -1.
func (c *chart) hit(pos fyne.Position, sz fyne.Size) (group, series int) {
	if len(c.labels) == 0 || len(c.series) == 0 {
		return -1, -1
	}
	x, _, w, _ := chartArea(sz)
	gw := w / float32(len(c.labels))
	g := int((pos.X - x) / gw)
	if g < 0 || g >= len(c.labels) {
		return -1, -1
	}
	s := int((pos.X - x - float32(g)*gw) / (gw / float32(len(c.series))))
	return g, min(max(s, 0), len(c.series)-1)
}

func (c *chart) maxValue() float64 {
	m := 0.0
	for _, s := range c.series {
		for _, v := range s.Values {
			if !math.IsNaN(v) {
				m = math.Max(m, v)
			}
		}
	}
	return m
}

func (c *chart) CreateRenderer() fyne.WidgetRenderer {
	r := &chartRenderer{c: c}
	r.rebuild()
	return r
}

type chartRenderer struct {
	c       *chart
	objects []fyne.CanvasObject
}

func (r *chartRenderer) colour(s chartSeries) color.Color {
	if s.Faint {
		return theme.Color(theme.ColorNameDisabled)
	}
	return theme.Color(theme.ColorNamePrimary)
}

// rebuild draws the chart anew at its size: a chart has a few dozen
// objects, cheaper to make again than to keep in step.
func (r *chartRenderer) rebuild() {
	c := r.c
	sz := c.Size()
	fg := theme.Color(theme.ColorNameForeground)
	title := canvas.NewText(fitText(c.title, sz.Width-2*theme.Padding(), theme.TextSize()), fg)
	title.TextStyle.Bold = true
	title.Move(fyne.NewPos(theme.Padding(), 0))
	objs := []fyne.CanvasObject{title}
	x, y, w, h := chartArea(sz)
	axis := canvas.NewLine(theme.Color(theme.ColorNameSeparator))
	axis.Position1, axis.Position2 = fyne.NewPos(x, y+h), fyne.NewPos(x+w, y+h)
	objs = append(objs, axis)
	top := c.maxValue()
	if len(c.labels) > 0 && top > 0 && sz.Width > 0 {
		gw := w / float32(len(c.labels))
		bw := gw * 0.8 / float32(len(c.series))
		for si, s := range c.series {
			var prev fyne.Position
			joined := false // the point before was drawn
			for g := range c.labels {
				if g >= len(s.Values) {
					break
				}
				if math.IsNaN(s.Values[g]) { // no value: a gap
					joined = false
					continue
				}
				bh := float32(s.Values[g]/top) * h
				bx := x + float32(g)*gw + gw*0.1 + float32(si)*bw
				if c.line {
					pt := fyne.NewPos(x+float32(g)*gw+gw/2, y+h-bh)
					dot := canvas.NewCircle(r.colour(s))
					dot.Resize(fyne.NewSquareSize(6))
					dot.Move(pt.SubtractXY(3, 3))
					objs = append(objs, dot)
					if joined {
						l := canvas.NewLine(r.colour(s))
						l.StrokeWidth = 2
						l.Position1, l.Position2 = prev, pt
						objs = append(objs, l)
					}
					prev, joined = pt, true
					continue
				}
				bar := canvas.NewRectangle(r.colour(s))
				bar.Resize(fyne.NewSize(bw, bh))
				bar.Move(fyne.NewPos(bx, y+h-bh))
				objs = append(objs, bar)
			}
		}
	}
	small := theme.CaptionTextSize()
	for g, l := range c.labels {
		if len(c.labels) == 0 || sz.Width == 0 {
			break
		}
		gw := w / float32(len(c.labels))
		t := canvas.NewText(fitText(l, gw, small), fg)
		t.TextSize = small
		t.Alignment = fyne.TextAlignCenter
		t.Resize(fyne.NewSize(gw, small))
		t.Move(fyne.NewPos(x+float32(g)*gw, y+h+theme.Padding()))
		objs = append(objs, t)
	}
	// The legend, or the value hovered.
	legend := ""
	for i, s := range c.series {
		if i > 0 {
			legend += "   "
		}
		mark := "■ "
		if s.Faint {
			mark = "□ "
		}
		legend += mark + s.Name
	}
	if c.shown != "" {
		legend = c.shown
	}
	lt := canvas.NewText(fitText(legend, w, theme.TextSize()), fg)
	lt.Move(fyne.NewPos(x, sz.Height-theme.TextSize()-theme.Padding()))
	objs = append(objs, lt)
	r.objects = objs
}

func (r *chartRenderer) Layout(fyne.Size) { r.rebuild() }
func (r *chartRenderer) MinSize() fyne.Size {
	return fyne.NewSize(150, 170)
}
func (r *chartRenderer) Refresh() {
	r.rebuild()
	canvas.Refresh(r.c)
}
func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *chartRenderer) Destroy()                     {}

// fitText cuts s with an ellipsis so that it fits width at text size:
// channel names in Georgian are long and the bars narrow.
func fitText(s string, width, size float32) string {
	style := fyne.TextStyle{}
	if fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 1 {
		r = r[:len(r)-1]
		if fyne.MeasureText(string(r)+"…", size, style).Width <= width {
			break
		}
	}
	return string(r) + "…"
}
