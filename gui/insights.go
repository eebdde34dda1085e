package gui

import (
	"context"
	"encoding/csv"
	"fmt"
	"image/png"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// insightsStore is what the Insights view needs: the figures of a period,
// read in one go.
type insightsStore interface {
	Insights(ctx context.Context, p model.Period) (model.Insights, error)
}

// insightsView answers "is the shop keeping its clients?" for a period the
// owner picks, every figure beside the period before: a table of the
// numbers and charts of the ones that tell a story over months.
type insightsView struct {
	u      *UI
	period model.Period
	data   model.Insights
	rows   []model.InsightRow

	kind     *widget.Select
	label    *widget.Label
	from, to *dateField
	custom   *fyne.Container
	progress *widget.ProgressBarInfinite
	table    *widget.Table
	revenue  *chart
	contacts *chart
	promises *chart
	moves    *chart
	checkIns *chart
	lost     *chart
	// checkNote says from which day check-ins due are known.
	checkNote *widget.Label
	content   fyne.CanvasObject
}

// The period kinds in the order the picker offers them.
var periodKinds = []model.PeriodKind{model.PeriodMonth, model.PeriodQuarter, model.PeriodYear, model.PeriodCustom}

func periodKindLabel(k model.PeriodKind) string {
	switch k {
	case model.PeriodMonth:
		return lang.L("Month")
	case model.PeriodQuarter:
		return lang.L("Quarter")
	case model.PeriodYear:
		return lang.L("Year")
	}
	return lang.L("From – to")
}

func newInsightsView(u *UI) *insightsView {
	v := &insightsView{u: u, period: model.MonthOf(u.today())}
	labels := make([]string, len(periodKinds))
	for i, k := range periodKinds {
		labels[i] = periodKindLabel(k)
	}
	v.kind = widget.NewSelect(labels, nil)
	v.kind.SetSelectedIndex(0)
	v.kind.OnChanged = v.onKindChanged
	v.label = boldLabel("")
	v.from, v.to = dateEntry(time.Time{}), dateEntry(time.Time{})
	apply := widget.NewButton(lang.L("Show"), v.onApplyRange)
	v.custom = container.NewHBox(widget.NewLabel(lang.L("From")), container.NewGridWrap(fyne.NewSize(170, v.from.MinSize().Height), v.from),
		widget.NewLabel(lang.L("To")), container.NewGridWrap(fyne.NewSize(170, v.to.MinSize().Height), v.to), apply)
	v.custom.Hide()
	v.progress = widget.NewProgressBarInfinite()
	v.progress.Hide()
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { v.onStep(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { v.onStep(1) })
	save := widget.NewButtonWithIcon(lang.L("Save report…"), theme.DocumentSaveIcon(), v.onSaveReport)
	bar := container.NewVBox(container.NewBorder(nil, nil,
		container.NewHBox(v.kind, prev, v.label, next), save), v.custom, v.progress)

	v.table = widget.NewTable(v.tableSize, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, v.updateCell)
	v.table.ShowHeaderRow = true
	v.table.CreateHeader = func() fyne.CanvasObject {
		l := boldLabel("")
		l.Truncation = fyne.TextTruncateEllipsis // "This period" is long in Armenian
		return l
	}
	v.table.UpdateHeader = v.updateHeader
	v.table.SetColumnWidth(0, 250)
	v.table.SetColumnWidth(1, 105)
	v.table.SetColumnWidth(2, 105)

	v.revenue = newChart(lang.L("Revenue by month"), false)
	v.contacts = newChart(lang.L("Contacts by channel"), false)
	v.promises = newChart(lang.L("Promises kept on time, %"), true)
	v.moves = newChart(lang.L("Ladder moves"), false)
	v.checkIns = newChart(lang.L("Check-ins by week"), false)
	v.lost = newChart(lang.L("Clients lost by month"), false)
	v.checkNote = widget.NewLabel("")
	v.checkNote.Wrapping = fyne.TextWrapWord
	v.checkNote.Importance = widget.LowImportance
	charts := container.NewVBox(
		container.NewGridWithColumns(2, v.withSave(v.revenue), v.withSave(v.contacts), v.withSave(v.promises), v.withSave(v.moves),
			v.withSave(v.checkIns), v.withSave(v.lost)),
		v.checkNote)
	split := container.NewHSplit(v.table, container.NewVScroll(charts))
	split.Offset = 0.55
	v.content = container.NewBorder(container.NewPadded(bar), nil, nil, nil, split)
	return v
}

// withSave puts a "PNG…" button (save the chart as an image) under a
// chart, in a layout that never lets it widen the chart.
func (v *insightsView) withSave(c *chart) fyne.CanvasObject {
	b := widget.NewButtonWithIcon(lang.L("PNG…"), theme.DownloadIcon(), func() { v.onSavePNG(c) })
	b.Importance = widget.LowImportance
	b.Alignment = widget.ButtonAlignLeading
	return container.NewBorder(nil, container.New(&narrowLayout{}, b), nil, nil, c)
}

// narrowLayout gives its one object the width it is given, however wide
// the object would like to be: a button's text is then cut, not the
// window widened.
type narrowLayout struct{}

func (*narrowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

func (*narrowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(0, h)
}

func (v *insightsView) onKindChanged(string) {
	k := periodKinds[max(v.kind.SelectedIndex(), 0)]
	if k == model.PeriodCustom {
		from, to := v.period.From, v.period.To
		v.from.SetDate(&from)
		v.to.SetDate(&to)
		v.custom.Show()
		return
	}
	v.custom.Hide()
	switch k {
	case model.PeriodQuarter:
		v.period = model.QuarterOf(v.period.To)
	case model.PeriodYear:
		v.period = model.YearOf(v.period.To)
	default:
		v.period = model.MonthOf(v.period.To)
	}
	v.reload()
}

// onStep moves to the period before (-1) or after (+1).
func (v *insightsView) onStep(dir int) {
	if dir < 0 {
		v.period = v.period.Previous()
	} else {
		next := v.period.To.AddDate(0, 0, 1)
		switch v.period.Kind {
		case model.PeriodMonth:
			v.period = model.MonthOf(next)
		case model.PeriodQuarter:
			v.period = model.QuarterOf(next)
		case model.PeriodYear:
			v.period = model.YearOf(next)
		default:
			v.period = model.Period{Kind: model.PeriodCustom, From: next, To: next.AddDate(0, 0, v.period.Days()-1)}
		}
	}
	v.reload()
}

func (v *insightsView) onApplyRange() {
	from, ok1 := dateOf(v.from)
	to, ok2 := dateOf(v.to)
	if !ok1 || !ok2 || from.IsZero() || to.IsZero() {
		v.u.showError(lang.L("Choose both days from the calendar, or type them as dates are written here."), nil)
		return
	}
	p, err := model.RangePeriod(from, to)
	if err != nil {
		v.u.showError(lang.L("The period ends before it starts: put the earlier day first."), nil)
		return
	}
	v.period = p
	v.reload()
}

// reload computes the figures of the period off the UI goroutine, with
// the progress bar running meanwhile.
func (v *insightsView) reload() {
	v.label.SetText(localPeriod(v.period))
	s, ok := v.u.store.(insightsStore)
	if !ok {
		return
	}
	v.progress.Show()
	v.progress.Start()
	p := v.period
	var in model.Insights
	v.u.run(func(ctx context.Context) (err error) {
		in, err = s.Insights(ctx, p)
		return err
	}, func(err error) {
		v.progress.Stop()
		v.progress.Hide()
		if err != nil {
			v.u.showError(lang.L("Could not compute the insights."), err)
			return
		}
		if p != v.period { // the owner moved on meanwhile
			return
		}
		v.show(in)
	})
}

// show puts the figures on screen.
func (v *insightsView) show(in model.Insights) {
	v.data = in
	v.rows = in.Rows(v.u.settings.Money)
	v.table.Refresh()
	cur, prev := in.Current, in.Previous
	curName := lang.L("This period")
	prevName := lang.L("Previous period")
	money := func(m model.Money) float64 { return float64(m) }

	var months []string
	var nw, ret chartSeries
	nw = chartSeries{Name: lang.L("New clients")}
	ret = chartSeries{Name: lang.L("Returning clients"), Faint: true}
	for _, m := range cur.ByMonth {
		months = append(months, monthLabel(m.Month, len(cur.ByMonth)))
		nw.Values = append(nw.Values, money(m.New))
		nw.Texts = append(nw.Texts, v.u.money(m.New))
		ret.Values = append(ret.Values, money(m.Returning))
		ret.Texts = append(ret.Texts, v.u.money(m.Returning))
	}
	v.revenue.set(months, []chartSeries{nw, ret})

	var channels []string
	cs := chartSeries{Name: curName}
	ps := chartSeries{Name: prevName, Faint: true}
	for i, c := range cur.Contacts {
		channels = append(channels, lang.L(c.Channel.Label()))
		cs.Values = append(cs.Values, float64(c.Count))
		cs.Texts = append(cs.Texts, strconv.Itoa(c.Count))
		pv := 0
		if i < len(prev.Contacts) {
			pv = prev.Contacts[i].Count
		}
		ps.Values = append(ps.Values, float64(pv))
		ps.Texts = append(ps.Texts, strconv.Itoa(pv))
	}
	v.contacts.set(channels, []chartSeries{cs, ps})

	pr := chartSeries{Name: lang.L("Kept on time")}
	for _, m := range cur.Promises {
		if m.Due == 0 { // nothing was due: no point, rather than a false 0 %
			pr.Values = append(pr.Values, math.NaN())
			pr.Texts = append(pr.Texts, "—")
			continue
		}
		pr.Values = append(pr.Values, m.OnTimePercent)
		pr.Texts = append(pr.Texts, fmt.Sprintf("%.0f %% (%d / %d)", m.OnTimePercent, m.KeptOnTime, m.Due))
	}
	v.promises.set(months, []chartSeries{pr})

	up := chartSeries{Name: lang.L("Up")}
	down := chartSeries{Name: lang.L("Down"), Faint: true}
	for _, m := range cur.Moves {
		up.Values = append(up.Values, float64(m.Up))
		up.Texts = append(up.Texts, strconv.Itoa(m.Up))
		down.Values = append(down.Values, float64(m.Down))
		down.Texts = append(down.Texts, strconv.Itoa(m.Down))
	}
	v.moves.set(months, []chartSeries{up, down})
	v.showCheckIns(in)
	v.showLost(cur)
}

// monthLabel writes a month as "2026-11", or as "11" when there are too
// many to fit: the same in every language.
func monthLabel(m time.Time, months int) string {
	if months > 4 {
		return m.Format("01")
	}
	return m.Format("2006-01")
}

func (v *insightsView) tableSize() (int, int) { return len(v.rows), 3 }

func (v *insightsView) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	switch id.Col {
	case 0:
		l.SetText(lang.L("Figure"))
	case 1:
		l.SetText(lang.L("This period"))
	default:
		l.SetText(lang.L("Previous period"))
	}
}

func (v *insightsView) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row >= len(v.rows) {
		l.SetText("")
		return
	}
	r := v.rows[id.Row]
	switch id.Col {
	case 0:
		text := lang.L(r.Figure)
		if r.Detail != "" {
			text += " · " + rowDetail(r)
		}
		l.SetText(text)
	case 1:
		l.SetText(r.Current)
		if r.Section == model.SectionPeriod {
			l.SetText(localPeriod(v.data.Current.Period))
		}
	default:
		l.SetText(r.Previous)
		if r.Section == model.SectionPeriod {
			l.SetText(localPeriod(v.data.Previous.Period))
		}
	}
}

// localPeriod writes a period with the days as the window writes dates:
// "1 Dec 2026 – 31 Dec 2026" (the report's CSV keeps ISO days).
func localPeriod(p model.Period) string {
	if p.From.IsZero() {
		return ""
	}
	return localDate(p.From) + " – " + localDate(p.To)
}

// rowDetail translates a row's detail where it names a rung or channel.
func rowDetail(r model.InsightRow) string {
	st := model.Stage(r.Detail)
	if st.Valid() {
		return lang.L(st.Label())
	}
	if ch := model.ContactChannel(r.Detail); slices.Contains(model.ContactChannels, ch) {
		return lang.L(ch.Label())
	}
	// A lost reason with the study's share: "no_contact (67 %)".
	if reason, rest, ok := strings.Cut(r.Detail, " ("); ok && slices.Contains(model.LostReasons, model.LostReason(reason)) {
		return lang.L(model.LostReason(reason).Label()) + " (" + rest
	}
	if r.Section == model.SectionPeriod {
		return periodKindLabel(model.PeriodKind(r.Detail))
	}
	return r.Detail
}

// onSaveReport writes the report of the period shown as a one-page PDF
// where the owner chooses, and every number as CSV beside it (same name,
// .csv).
func (v *insightsView) onSaveReport() {
	rows := v.rows
	title := lang.L("Insights") + " " + v.period.String()
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		werr := writeInsightsPDF(w, title, rows)
		if cerr := w.Close(); werr == nil {
			werr = cerr
		}
		if werr == nil {
			werr = writeSibling(w.URI(), ".csv", func(cw io.Writer) error { return writeInsightsCSV(cw, rows) })
		}
		if werr != nil {
			v.u.showError(lang.L("Could not save the file. Choose another folder and try again."), werr)
		}
	}, v.u.win)
	d.SetFileName("insights-" + model.FormatDate(v.period.From) + ".pdf")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf"}))
	d.Show()
}

// writeSibling writes a file beside u with its extension replaced by ext.
func writeSibling(u fyne.URI, ext string, write func(io.Writer) error) error {
	name := strings.TrimSuffix(u.Name(), u.Extension()) + ext
	parent, err := storage.Parent(u)
	if err != nil {
		return err
	}
	sib, err := storage.Child(parent, name)
	if err != nil {
		return err
	}
	w, err := storage.Writer(sib)
	if err != nil {
		return err
	}
	werr := write(w)
	if cerr := w.Close(); werr == nil {
		werr = cerr
	}
	return werr
}

// writeInsightsCSV writes the numbers, one figure a line.
func writeInsightsCSV(w io.Writer, rows []model.InsightRow) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"section", "figure", "detail", "current", "previous"}); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write([]string{r.Section, r.Figure, r.Detail, r.Current, r.Previous}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// onSavePNG saves a chart as drawn, at its size on screen.
func (v *insightsView) onSavePNG(c *chart) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		defer w.Close()
		img := software.Render(c, v.u.app.Settings().Theme())
		if err := png.Encode(w, img); err != nil {
			v.u.showError(lang.L("Could not save the file. Choose another folder and try again."), err)
		}
	}, v.u.win)
	d.SetFileName("chart.png")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".png"}))
	d.Show()
}
