package gui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// ladderView is the customer-type ladder (SEEDS.md section 2): a funnel of
// the seven rungs with their counts and spend, what to do with the clients
// of the chosen rung and who is one step from the next, and their cards,
// biggest spenders first, with a menu to pin a client to a rung. A rung can
// hold tens of thousands of clients, so, as in the due view, the cards are
// a virtual list loaded a page at a time as they scroll into view.
type ladderView struct {
	u *UI

	summary  model.LadderSummary
	settings model.LadderSettings
	stage    model.Stage // the rung shown under the funnel; "" until the first load
	total    int         // clients of the rung listed, with the filter
	pager[*model.Client]

	funnel   *funnel
	rungName *widget.Label
	figures  *widget.Label
	discount *widget.Label
	advice   *widget.Label
	ready    *widget.Label      // how many are ready to move up
	meaning  *widget.Label      // and what that means on this rung
	filter   *widget.RadioGroup // all, ready to move up, lapsed
	days     *widget.Select     // how far back the moves line looks
	moves    *widget.Label
	list     *widget.List
	empty    *widget.Label
	body     *fyne.Container
	content  *fyne.Container
}

// ladderPageRows is how many cards the view loads at a time.
const ladderPageRows = 100

// moveDayChoices are the periods the moves line can cover, in days.
var moveDayChoices = []int{30, 90}

// The filters of a rung's list, in the order the radio group offers them.
const (
	filterAll = iota
	filterReady
	filterLapsed
)

// maxMovesShown is how many kinds of move the moves line names.
const maxMovesShown = 5

func newLadderView(u *UI) *ladderView {
	v := &ladderView{u: u, pager: pager[*model.Client]{size: ladderPageRows}}
	u.onChange(func(int64) { v.dataChanged() })
	v.reset(nil)
	v.funnel = newFunnel(v.onRungTapped)

	v.rungName = boldLabel("")
	v.rungName.SizeName = theme.SizeNameSubHeadingText
	v.figures = widget.NewLabel("")
	v.discount = widget.NewLabel("")
	v.discount.Importance = widget.SuccessImportance
	// One line each, cut short if need be: a wrapped label takes its height
	// from the width it had before, and would spill over the list.
	v.advice = widget.NewLabel("")
	v.advice.Truncation = fyne.TextTruncateEllipsis
	v.ready = widget.NewLabel("")
	v.meaning = widget.NewLabel("")
	v.meaning.Truncation = fyne.TextTruncateEllipsis
	v.filter = widget.NewRadioGroup([]string{lang.L("All"), lang.L("Ready to move up"), lang.L("Lapsed")}, nil)
	v.filter.Horizontal = true
	v.filter.Required = true
	v.filter.SetSelected(v.filter.Options[filterAll])
	v.filter.OnChanged = v.onFilterChanged

	days := make([]string, len(moveDayChoices))
	for i, d := range moveDayChoices {
		days[i] = lang.L("{{.Days}} days", map[string]any{"Days": d})
	}
	v.days = widget.NewSelect(days, nil)
	v.days.SetSelectedIndex(0)
	v.days.OnChanged = v.onDaysChanged
	v.moves = widget.NewLabel("")
	v.moves.Truncation = fyne.TextTruncateEllipsis

	v.list = widget.NewList(v.length, func() fyne.CanvasObject { return newLadderRow(v) }, v.updateRow)
	v.list.OnSelected = v.onSelected
	v.empty = widget.NewLabel("")
	v.empty.Wrapping = fyne.TextWrapWord
	v.empty.Alignment = fyne.TextAlignCenter
	v.body = container.NewStack(v.list)

	// The funnel and the chosen rung side by side leave the cards most of
	// the window's height.
	rung := container.New(layout.NewCustomPaddedVBoxLayout(-theme.Padding()),
		v.rungName, container.NewHBox(v.figures, v.discount), v.advice, v.ready, v.meaning, v.filter)
	top := container.New(halvesLayout{}, container.NewPadded(v.funnel), rung)
	movesLine := container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewLabel(lang.L("Moves over")), v.days), v.moves)
	v.content = container.NewBorder(container.NewPadded(container.NewVBox(top, movesLine, widget.NewSeparator())), nil, nil, nil, v.body)
	return v
}

func (v *ladderView) length() int { return v.total }

// query asks for page n of the rung's cards with the filter shown.
func (v *ladderView) query(st model.Stage, n int) model.LadderQuery {
	i := v.filterIndex()
	return model.LadderQuery{Stage: st, ReadyOnly: i == filterReady, LapsedOnly: i == filterLapsed,
		Offset: n * ladderPageRows, Limit: ladderPageRows}
}

func (v *ladderView) filterIndex() int {
	for i, o := range v.filter.Options {
		if o == v.filter.Selected {
			return i
		}
	}
	return filterAll
}

func (v *ladderView) moveDays() int {
	if i := v.days.SelectedIndex(); i >= 0 {
		return moveDayChoices[i]
	}
	return moveDayChoices[0]
}

// reload reads the ladder again: the counts of every rung, the moves, the
// settings and the first page of the chosen rung.
func (v *ladderView) reload() {
	v.gen++
	gen, stage, days := v.gen, v.stage, v.moveDays()
	q := v.query(stage, 0)
	var (
		sum      model.LadderSummary
		settings model.LadderSettings
		rows     []*model.Client
		total    int
	)
	v.u.run(func(ctx context.Context) (err error) {
		if sum, err = v.u.storeLadder().LadderSummary(ctx, days); err != nil {
			return err
		}
		if settings, err = v.u.storeLadder().LadderSettings(ctx); err != nil {
			return err
		}
		if stage == "" {
			stage = firstRung(sum)
			q.Stage = stage
		}
		rows, total, err = v.u.storeLadder().ListLadder(ctx, q)
		return err
	}, func(err error) {
		if gen != v.gen {
			return
		}
		if err != nil {
			v.u.showError(lang.L("Could not read the ladder."), err)
			return
		}
		v.set(sum, settings, stage, rows, total)
	})
}

// firstRung is the rung shown first: the buyers, where selling a second
// and third time pays most, or else the lowest rung with anyone on it.
func firstRung(sum model.LadderSummary) model.Stage {
	for _, r := range sum.Rungs {
		if r.Stage == model.StageBuyer && r.Clients > 0 {
			return r.Stage
		}
	}
	for _, r := range sum.Rungs {
		if r.Clients > 0 {
			return r.Stage
		}
	}
	return model.StageBuyer
}

// set shows a freshly read ladder whose chosen rung's first page is rows.
func (v *ladderView) set(sum model.LadderSummary, settings model.LadderSettings, stage model.Stage, rows []*model.Client, total int) {
	v.summary, v.settings, v.stage, v.total = sum, settings, stage, total
	v.reset(rows)
	v.showFunnel()
	v.showRung()
	v.showMoves()
	if total > 0 {
		v.body.Objects = []fyne.CanvasObject{v.list}
	} else {
		v.empty.SetText(v.emptyText())
		v.body.Objects = []fyne.CanvasObject{container.NewCenter(container.NewGridWrap(fyne.NewSize(440, 80), v.empty))}
	}
	// Lines shown or hidden change the header's height: lay it all out
	// again (this refreshes the list too).
	v.content.Refresh()
}

// rung returns the figures of rung st (zero if the store left it out).
func (v *ladderView) rung(st model.Stage) model.RungStat {
	for _, r := range v.summary.Rungs {
		if r.Stage == st {
			return r
		}
	}
	return model.RungStat{Stage: st}
}

func (v *ladderView) showFunnel() {
	names := make([]string, len(model.Stages))
	figures := make([]funnelFigures, len(model.Stages))
	for i, st := range model.Stages {
		r := v.rung(st)
		names[i] = lang.L(st.Label())
		figures[i] = funnelFigures{Count: r.Clients, Value: model.GroupThousands(int64(r.Clients)) + " · " + v.u.money(r.Spend)}
	}
	v.funnel.set(names, figures, v.stage)
}

// showRung says what the chosen rung holds, what to do with its clients
// and who among them is one step from the next rung.
func (v *ladderView) showRung() {
	r := v.rung(v.stage)
	v.rungName.SetText(lang.L(v.stage.Label()))
	parts := []string{
		lang.LocalizePlural("{{.Count}} clients", r.Clients, map[string]any{"Count": model.GroupThousands(int64(r.Clients))}),
		lang.L("spent {{.Amount}}", map[string]any{"Amount": v.u.money(r.Spend)}),
	}
	if r.Lapsed > 0 {
		parts = append(parts, lang.L("{{.Count}} lapsed", map[string]any{"Count": model.GroupThousands(int64(r.Lapsed))}))
	}
	v.figures.SetText(strings.Join(parts, " · "))
	v.discount.SetText(discountText(v.settings.Discount(v.stage)))
	if v.discount.Text == "" {
		v.discount.Hide()
	} else {
		v.discount.Show()
	}
	v.advice.SetText(lang.L(v.stage.Advice()))
	if meaning := readyMeaning(v.stage); meaning != "" {
		v.ready.SetText(lang.L("Ready to move up: {{.Count}}", map[string]any{"Count": model.GroupThousands(int64(r.Ready))}))
		v.meaning.SetText(meaning)
		v.ready.Show()
		v.meaning.Show()
	} else {
		v.ready.Hide()
		v.meaning.Hide()
	}
}

// readyMeaning says, for the clients of rung st, what "ready to move up"
// means: the hints model.ReadyToMoveUp gives on that rung (a buyer's two
// in one line); "" where it gives none.
func readyMeaning(st model.Stage) string {
	switch st {
	case model.StageProspect:
		return lang.L(model.HintFirstSale)
	case model.StageBuyer:
		return lang.L("One or two purchases so far: sell them the next one.")
	case model.StageLoyal, model.StageAdvocate:
		return lang.L(model.HintNearVIP)
	}
	return ""
}

// showMoves names the most frequent moves of the period chosen.
func (v *ladderView) showMoves() {
	days := v.summary.MoveDays
	if days == 0 {
		days = v.moveDays()
	}
	if len(v.summary.Moves) == 0 {
		v.moves.SetText(lang.L("No moves in the last {{.Days}} days.", map[string]any{"Days": days}))
		return
	}
	var parts []string
	for i, m := range v.summary.Moves {
		if i == maxMovesShown {
			break
		}
		parts = append(parts, lang.L(m.From.Label())+" → "+lang.L(m.To.Label())+" "+model.GroupThousands(int64(m.Count)))
	}
	v.moves.SetText(lang.L("Moves in the last {{.Days}} days: {{.Moves}}", map[string]any{"Days": days, "Moves": strings.Join(parts, " · ")}))
}

// emptyText says why no card is listed.
func (v *ladderView) emptyText() string {
	onLadder := 0
	for _, r := range v.summary.Rungs {
		onLadder += r.Clients
	}
	switch {
	case onLadder == 0:
		return lang.L("Clients appear here once you add them: each one takes a rung by what they buy and how you keep in touch.")
	case v.filterIndex() == filterReady:
		return lang.L("Nobody on this rung is ready to move up right now.")
	case v.filterIndex() == filterLapsed:
		return lang.L("Nobody on this rung has lapsed.")
	}
	return lang.L("Nobody stands on this rung yet.")
}

// client returns the card at offset i of the list, if its page is loaded.
func (v *ladderView) client(i int) *model.Client {
	if c := v.at(i); c != nil {
		return *c
	}
	return nil
}

// load asks for page n of the rung's cards, once.
func (v *ladderView) load(n int) {
	q, total := v.query(v.stage, n), v.total
	v.pager.load(v.u, n, func(ctx context.Context) ([]*model.Client, bool, error) {
		rows, got, err := v.u.storeLadder().ListLadder(ctx, q)
		return rows, got == total, err
	}, lang.L("Could not read the ladder."), v.reload, v.list)
}

func (v *ladderView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*ladderRow)
	if c := v.fill(id, v.load); c != nil {
		r.showClient(*c)
		return
	}
	r.showLoading()
}

func (v *ladderView) onRungTapped(st model.Stage) {
	if st == v.stage {
		return
	}
	v.stage = st
	v.list.ScrollToTop()
	v.reload()
}

func (v *ladderView) onFilterChanged(string) {
	v.list.ScrollToTop()
	v.reload()
}

func (v *ladderView) onDaysChanged(string) { v.reload() }

// onSelected opens the client whose card was tapped.
func (v *ladderView) onSelected(id widget.ListItemID) {
	v.list.UnselectAll() // a card is a button, not a selection
	if c := v.client(id); c != nil {
		v.u.openClient(c.ID)
	}
}

func (v *ladderView) onOpen(c *model.Client) { v.u.openClient(c.ID) }

// onMove offers every rung to pin the client to and, when they are
// pinned, the way back to the rules' rung.
func (v *ladderView) onMove(c *model.Client, from fyne.CanvasObject) {
	items := make([]*fyne.MenuItem, 0, len(model.Stages)+2)
	for _, st := range model.Stages {
		it := fyne.NewMenuItem(lang.L(st.Label()), func() { v.askPin(c, st) })
		it.Checked = st == c.Stage
		items = append(items, it)
	}
	if !c.Pin.IsZero() {
		items = append(items, fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(lang.L("Back to automatic (rules say {{.Stage}})", map[string]any{"Stage": lang.L(c.AutoStage.Label())}),
				func() { v.pin(c, model.Pin{}) }))
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(from).Add(fyne.NewPos(0, from.Size().Height))
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), v.u.win.Canvas(), pos)
}

// askPin asks why the client goes on rung st, then pins them there.
func (v *ladderView) askPin(c *model.Client, st model.Stage) {
	reason := newEntry()
	reason.SetPlaceHolder(lang.L("e.g. sends us customers from her salon"))
	if c.Pin.Stage == st {
		reason.SetText(c.Pin.Reason)
	}
	fields := fieldSet{newFormField(model.FieldPin, lang.L("Why (optional)"), reason)}
	var pin model.Pin
	validate := func() error {
		pin = model.Pin{Stage: st, Reason: reason.Text}
		pin.Normalize()
		return pin.Validate()
	}
	id, step := c.ID, undoPin(v.u, c)
	save := func(ctx context.Context) error { return v.u.storeLadder().PinStage(ctx, id, pin) }
	title := lang.L("Move {{.Name}} to {{.Stage}}", map[string]any{"Name": c.Name, "Stage": lang.L(st.Label())})
	newRecordDialog(v.u, title, fields, validate, save, nil, func() { v.u.remember(step); v.changed(id) }).show()
}

// pin pins the client without asking, e.g. back to the rules' rung.
func (v *ladderView) pin(c *model.Client, pin model.Pin) {
	clientID, step := c.ID, undoPin(v.u, c)
	v.u.run(func(ctx context.Context) error { return v.u.storeLadder().PinStage(ctx, clientID, pin) }, func(err error) {
		if err != nil {
			v.u.showError(lang.L("Could not move the client; nothing was changed."), err)
			return
		}
		v.u.remember(step)
		v.changed(clientID)
	})
}

// changed reloads what a client's move on the ladder touches: the ladder,
// the check-ins (the rung sets how often to call) and their open page.
func (v *ladderView) changed(clientID int64) { v.u.changed(clientID) }

// dataChanged is called after a change made elsewhere (a purchase, a
// contact, an edited client). The ladder is read again only when it is on
// screen: selecting its tab reads it anyway.
func (v *ladderView) dataChanged() {
	if v.u.view == v.u.tabs && v.u.tabs.Selected() == v.u.ladderTab {
		v.reload()
	}
}

// ladderRow is one client's card on a rung: the name and badges, the last
// purchase and the spend, the step that would take them up, and the
// actions.
type ladderRow struct {
	widget.BaseWidget
	v *ladderView

	client             *model.Client
	name, detail, hint *widget.Label
	lapsed, pinned     *widget.Label
	move, open         *widget.Button
}

func newLadderRow(v *ladderView) *ladderRow {
	r := &ladderRow{v: v, name: boldLabel(""), detail: widget.NewLabel(""), hint: widget.NewLabel(""),
		lapsed: widget.NewLabel(lang.L("Lapsed")), pinned: widget.NewLabel("")}
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.detail.Truncation = fyne.TextTruncateEllipsis
	r.lapsed.Importance = widget.WarningImportance
	r.pinned.Importance = widget.HighImportance
	// A card whose page is still loading has no client: its buttons do nothing.
	on := func(fn func(*model.Client)) func() {
		return func() {
			if r.client != nil {
				fn(r.client)
			}
		}
	}
	r.move = widget.NewButtonWithIcon(lang.L("Move to…"), theme.MoveUpIcon(), nil)
	r.move.OnTapped = on(func(c *model.Client) { v.onMove(c, r.move) })
	r.open = widget.NewButton(lang.L("Open"), on(v.onOpen))
	r.ExtendBaseWidget(r)
	return r
}

func (r *ladderRow) CreateRenderer() fyne.WidgetRenderer {
	tight := container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()),
		container.NewBorder(nil, nil, nil, container.NewHBox(r.lapsed, r.pinned), r.name),
		container.NewBorder(nil, nil, nil, r.hint, r.detail))
	actions := container.NewVBox(layout.NewSpacer(), container.NewHBox(r.move, r.open), layout.NewSpacer())
	return widget.NewSimpleRenderer(container.NewPadded(container.NewBorder(nil, nil, nil, actions, tight)))
}

// showLoading shows an empty card while its page loads.
func (r *ladderRow) showLoading() {
	r.client = nil
	r.name.SetText("…")
	for _, l := range []*widget.Label{r.detail, r.hint, r.pinned} {
		l.SetText("")
	}
	r.lapsed.Hide()
	r.pinned.Hide()
	r.Refresh()
}

// showClient fills the card with c, then lays it out again: the badges and
// the hint change the width left to the name and the detail line.
func (r *ladderRow) showClient(c *model.Client) {
	r.client = c
	r.name.SetText(c.Name)
	var parts []string
	if c.Summary.Count == 0 {
		parts = append(parts, lang.L("no purchases yet"))
	} else {
		parts = append(parts, lang.L("last bought {{.Date}}", map[string]any{"Date": formatDate(c.Summary.Last)}),
			lang.L("spent {{.Amount}}", map[string]any{"Amount": r.v.u.money(c.Summary.Total)}))
	}
	if !c.Pin.IsZero() {
		parts = append(parts, lang.L("rules say: {{.Stage}}", map[string]any{"Stage": lang.L(c.AutoStage.Label())}))
	}
	r.detail.SetText(strings.Join(parts, " · "))
	hint := ""
	if c.Ready != "" {
		hint = lang.L(c.Ready)
	}
	r.hint.SetText(hint)
	r.lapsed.Hidden = !c.Lapsed
	switch {
	case c.Pin.IsZero():
		r.pinned.SetText("")
	case c.Pin.Reason == "":
		r.pinned.SetText(lang.L("Pinned"))
	default:
		r.pinned.SetText(lang.L("Pinned: {{.Reason}}", map[string]any{"Reason": ellipsis(c.Pin.Reason, 40)}))
	}
	r.pinned.Hidden = c.Pin.IsZero()
	r.Refresh()
}

// halvesLayout puts two objects side by side, half the width each, except
// that neither gets less than its minimum width. A two-column grid would
// give both the wider one's minimum and push the window past 1024 pixels.
type halvesLayout struct{}

func (halvesLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) != 2 {
		return
	}
	gap := theme.Padding()
	avail := size.Width - gap
	left := max(objs[0].MinSize().Width, min(avail/2, avail-objs[1].MinSize().Width))
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(left, size.Height))
	objs[1].Move(fyne.NewPos(left+gap, 0))
	objs[1].Resize(fyne.NewSize(size.Width-left-gap, size.Height))
}

func (halvesLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) != 2 {
		return fyne.Size{}
	}
	a, b := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(a.Width+theme.Padding()+b.Width, max(a.Height, b.Height))
}

// ladderStore is what the ladder reads and moves.
type ladderStore interface {
	LadderSettings(ctx context.Context) (model.LadderSettings, error)
	LadderSummary(ctx context.Context, moveDays int) (model.LadderSummary, error)
	ListLadder(ctx context.Context, q model.LadderQuery) ([]*model.Client, int, error)
	// The ladder.
	PinStage(ctx context.Context, clientID int64, pin model.Pin) error
}

// storeLadder is the window's store as ladderStore: what this file may call.
func (u *UI) storeLadder() ladderStore { return u.store }
