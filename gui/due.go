package gui

import (
	"context"
	"maps"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// dueView is the heart of the app: whom to contact today and why, with the
// actions that move the schedule on. The list can hold tens of thousands
// of rows, so it holds the counts of the whole list and loads the rows a
// page at a time, as they scroll into view.
type dueView struct {
	u *UI

	pager[model.DueItem]
	counts   model.DueCounts // of the list as shown (filtered)
	blocks   []dueBlock      // the list: its blocks, each a heading and rows
	lines    int             // how many lines the blocks make
	headings []int           // the lines that hold a heading
	list     *widget.List
	summary  *widget.Label
	score    *widget.Label
	lostBtn  *widget.Button
	owedBtn  *widget.Button
	note     *widget.Label // what was just undone, for a few seconds
	riskOnly *widget.Check
	empty    fyne.CanvasObject
	body     *fyne.Container
	content  fyne.CanvasObject

	today int           // clients left on the day's list, for the navigation badge
	plan  model.DayPlan // the day as last read

	selected *model.DueItem // the row the owner clicked, for Ctrl+L; nil for none
}

// duePageRows is how many rows the view loads at a time: about a dozen
// screens' worth at 1024x700, where four or five rows show. Each row's
// client is read from half a dozen tables, about 44 KB of pages on the
// 100,000-client book, and SQLite keeps those pages in the read
// connection's cache: 100 rows held 4.4 MB of it.
const duePageRows = 50

// dueLine is one line of the due list: a block heading (item -1), or the
// row at offset item of the list.
type dueLine struct {
	heading string
	item    int
}

// dueBlock is a heading line followed by the lines of n rows, from the
// row at offset first of the list. The view holds its few blocks, not a
// line for each of the tens of thousands of clients due.
type dueBlock struct {
	heading  string
	first, n int
}

// line returns what line id of the list holds; false past its end.
func (v *dueView) line(id int) (dueLine, bool) {
	if id < 0 {
		return dueLine{}, false
	}
	for _, b := range v.blocks {
		if id == 0 {
			return dueLine{heading: b.heading, item: -1}, true
		}
		if id--; id < b.n {
			return dueLine{item: b.first + id}, true
		}
		id -= b.n
	}
	return dueLine{}, false
}

// addBlock adds a heading and the lines of the next n rows; a block of no
// rows is left out unless alone says a heading stands on its own.
func (v *dueView) addBlock(heading string, n int, alone bool) {
	if n <= 0 && !alone {
		return
	}
	n = max(n, 0)
	first := 0
	if len(v.blocks) > 0 {
		last := v.blocks[len(v.blocks)-1]
		first = last.first + last.n
	}
	v.blocks = append(v.blocks, dueBlock{heading: heading, first: first, n: n})
	v.lines += 1 + n
}

func newDueView(u *UI) *dueView {
	v := &dueView{u: u, pager: pager[model.DueItem]{size: duePageRows}}
	u.onChange(func(int64) { v.reload() })
	title := boldLabel(lang.L("Whom to contact"))
	title.SizeName = theme.SizeNameSubHeadingText
	v.summary = widget.NewLabel("")
	v.score = widget.NewLabel("")
	v.score.Hide() // until there is a score to show
	v.list = widget.NewList(func() int { return v.lines }, func() fyne.CanvasObject { return newDueRow(v) }, v.updateRow)
	v.list.HideSeparators = true
	v.list.OnSelected = v.onSelected
	v.list.OnUnselected = func(widget.ListItemID) { v.selected = nil }

	done := widget.NewLabel(lang.L("Nobody is due for a check-in. Well done: every client has heard from you on time."))
	done.Wrapping = fyne.TextWrapWord
	done.Alignment = fyne.TextAlignCenter
	v.empty = container.NewCenter(container.NewGridWrap(fyne.NewSize(420, 80), done))
	v.body = container.NewStack(v.list)

	v.riskOnly = widget.NewCheck(lang.L("Only clients at risk"), func(bool) { v.reload() })
	v.lostBtn = widget.NewButton(lang.L("Why clients left"), u.showLostReport)
	v.lostBtn.Importance = widget.LowImportance
	v.owedBtn = widget.NewButton(lang.L("Who owes me"), u.showOwed)
	v.owedBtn.Importance = widget.LowImportance
	// The day's summary and the score are long in some languages: they
	// wrap rather than widening the window,
	v.summary.Wrapping = fyne.TextWrapWord
	// and the reports sit by the title, so that the window fits 1024
	// pixels in every language.
	v.score.Wrapping = fyne.TextWrapWord
	header := container.NewVBox(container.NewHBox(title, layout.NewSpacer(), v.owedBtn, v.lostBtn),
		container.NewBorder(nil, nil, nil, container.NewVBox(v.riskOnly), container.NewVBox(v.summary, v.score)))
	v.note = newNote()
	v.content = container.NewBorder(container.NewPadded(header), v.note, nil, nil, v.body)
	return v
}

// reload reads the due list for today again: its counts and first page
// (and, with the at-risk filter on, the counts of the whole list for the
// navigation badge).
func (v *dueView) reload() {
	v.gen++
	gen, today, riskOnly := v.gen, v.u.today(), v.riskOnly.Checked
	var page model.DuePage
	var all model.DueCounts
	v.u.run(func(ctx context.Context) (err error) {
		if page, err = v.u.storeDue().DueList(ctx, today, model.DueQuery{AtRiskOnly: riskOnly, Limit: duePageRows}); err != nil {
			return err
		}
		all = page.Counts
		if riskOnly {
			whole, err := v.u.storeDue().DueList(ctx, today, model.DueQuery{Limit: 1})
			if err != nil {
				return err
			}
			all = whole.Counts
		}
		return nil
	}, func(err error) {
		if gen != v.gen {
			return
		}
		if err != nil {
			v.u.showError(lang.L("Could not work out whom to contact."), err)
			return
		}
		v.set(page, all)
	})
	// The score reads every promise of the last 90 days: it follows the
	// list rather than holding it up.
	var kept, due int
	v.u.run(func(ctx context.Context) (err error) {
		kept, due, err = v.u.storeDue().PromiseScore(ctx, 0, today)
		return err
	}, func(err error) {
		if gen != v.gen {
			return
		}
		switch {
		case err != nil:
			v.u.showError(lang.L("Could not work out the promise-keeping score."), err)
		case due == 0:
			// No line at all: an empty label would still leave a line's
			// gap above the list.
			v.score.SetText("")
			v.score.Hide()
		default:
			v.score.SetText(lang.L("Promises kept on time: {{.Kept}} of {{.Due}} (90 days)",
				map[string]any{"Kept": model.GroupThousands(int64(kept)), "Due": model.GroupThousands(int64(due))}))
			v.score.Show()
		}
	})
}

// set shows a list with counts c whose first page is page, and plans the
// day from all, the counts of the unfiltered list: the badge, the header
// and the list's "Today" block all show the same day's list.
func (v *dueView) set(page model.DuePage, all model.DueCounts) {
	v.counts = page.Counts
	v.reset(page.Items)
	v.list.UnselectAll()
	v.selected = nil
	v.blocks, v.lines = v.blocks[:0], 0
	plan := model.PlanDay(all, page.Capacity, page.Done)
	v.plan = plan
	block := func(heading string, n int) { v.addBlock(heading, n, false) }
	var parts []string
	if plan.Planned() > 0 {
		parts = append(parts, dayText(plan))
	}
	if v.riskOnly.Checked {
		// The filtered list is not the day's list: it shows every client at
		// risk, by section.
		block(lang.L("Open complaints"), v.counts.Complaints())
		for g := model.DueGroup(4); g < 8; g++ {
			block(sectionName(g.Section()), v.counts[g])
		}
		for _, s := range []model.Section{model.SectionOverdue, model.SectionToday, model.SectionThisWeek, model.SectionLater} {
			if n := v.counts.Section(s); n > 0 {
				parts = append(parts, sectionName(s)+": "+model.GroupThousands(int64(n)))
			}
		}
	} else {
		// The list in order: the day's list (open complaints first), the
		// backlog of what is due but waits, then the coming days.
		complaints := min(plan.Today, v.counts.Complaints())
		if plan.Finished() && plan.Done > 0 {
			v.addBlock(lang.L("Today's list is done. Well done!"), 0, true)
		}
		block(lang.L("Open complaints"), complaints)
		block(lang.L("Today"), plan.Today-complaints)
		block(lang.L("Backlog"), plan.Backlog)
		block(lang.L("Later this week"), v.counts.Section(model.SectionThisWeek))
		block(lang.L("Later"), v.counts.Section(model.SectionLater))
		for _, p := range []struct {
			label string
			n     int
		}{
			{lang.L("Backlog"), plan.Backlog},
			{lang.L("Later this week"), v.counts.Section(model.SectionThisWeek)},
			{lang.L("Later"), v.counts.Section(model.SectionLater)},
		} {
			if p.n > 0 {
				parts = append(parts, p.label+": "+model.GroupThousands(int64(p.n)))
			}
		}
	}
	v.today = plan.Today
	v.summary.SetText(strings.Join(parts, " · "))
	v.setHeadingHeights()
	if v.counts.Total() == 0 {
		v.body.Objects = []fyne.CanvasObject{v.empty}
	} else {
		v.body.Objects = []fyne.CanvasObject{v.list}
	}
	v.body.Refresh()
	v.list.Refresh()
	v.u.updateNav()
}

// setHeadingHeights gives the list's heading lines their lower height.
// The list keeps the height it was given for a line until it is given
// another: a line that held a heading before and holds a client now gets
// a client's height back, or the client would be drawn a heading high,
// cut off, once a contact moved the headings up.
func (v *dueView) setHeadingHeights() {
	was := v.headings
	v.headings = make([]int, 0, len(v.blocks))
	at := 0
	for _, b := range v.blocks {
		v.headings = append(v.headings, at)
		at += 1 + b.n
	}
	rowHeight := float32(-1)
	for _, i := range was {
		if l, ok := v.line(i); ok && l.item < 0 {
			continue
		}
		if rowHeight < 0 {
			rowHeight = newDueRow(v).MinSize().Height // what the list gives a line it has no height for
		}
		v.list.SetItemHeight(i, rowHeight)
	}
	headingHeight := dueHeadingHeight()
	for _, i := range v.headings {
		v.list.SetItemHeight(i, headingHeight)
	}
}

// dayText says how far the owner is through the day's list.
func dayText(p model.DayPlan) string {
	data := map[string]any{"Done": model.GroupThousands(int64(p.Done)), "Planned": model.GroupThousands(int64(p.Planned()))}
	if p.Finished() {
		return lang.L("Today's list is done: {{.Done}} of {{.Planned}}", data)
	}
	return lang.L("Done today: {{.Done}} of {{.Planned}}", data)
}

// item returns the row at offset i of the list, if its page is loaded.
func (v *dueView) item(i int) *model.DueItem { return v.at(i) }

// load asks for page n of the list, once.
func (v *dueView) load(n int) {
	today, counts := v.u.today(), v.counts
	q := model.DueQuery{AtRiskOnly: v.riskOnly.Checked, Offset: n * duePageRows, Limit: duePageRows}
	v.pager.load(v.u, n, func(ctx context.Context) ([]model.DueItem, bool, error) {
		page, err := v.u.storeDue().DueList(ctx, today, q)
		return page.Items, page.Counts == counts, err
	}, lang.L("Could not work out whom to contact."), v.reload, v.list)
}

func dueHeadingHeight() float32 {
	return widget.NewLabel("X").MinSize().Height + theme.Padding()
}

func sectionName(s model.Section) string {
	switch s {
	case model.SectionOverdue:
		return lang.L("Overdue")
	case model.SectionToday:
		return lang.L("Today")
	case model.SectionThisWeek:
		return lang.L("This week")
	}
	return lang.L("Later")
}

func (v *dueView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*dueRow)
	line, ok := v.line(id)
	if !ok {
		// A line the list drew before it shrank: setHeadingHeights gives
		// it a height, which redraws it, before the list is refreshed.
		return
	}
	if line.item < 0 {
		r.showHeading(line.heading)
		return
	}
	if it := v.fill(line.item, v.load); it != nil {
		r.showItem(it)
		return
	}
	r.showLoading()
}

// reasonText joins every reason of an item into one line.
func reasonText(it *model.DueItem, mf model.MoneyFormat) string {
	parts := make([]string, len(it.Reasons))
	for i, r := range it.Reasons {
		parts[i] = trReason(r, mf)
	}
	return strings.Join(parts, "; ")
}

// trReason translates a reason or suggestion template and fills it in.
// Amounts of money in the data are written in the owner's money format.
func trReason(r model.Reason, mf model.MoneyFormat) string {
	if r.Message == "" {
		return ""
	}
	if len(r.Data) == 0 {
		return lang.L(r.Message)
	}
	data := r.Data
	if m, ok := data["Amount"].(model.Money); ok {
		data = maps.Clone(data)
		data["Amount"] = mf.Format(m)
	}
	return lang.L(r.Message, data)
}

// whenText says when an item fell due.
func (v *dueView) whenText(it *model.DueItem) string {
	switch d := model.DaysBetween(it.Due, v.u.today()); {
	case it.DaysOverdue > 0:
		return latenessText(it.DaysOverdue)
	case d > 0:
		return lang.L("due since {{.Date}}", map[string]any{"Date": formatDate(it.Due)})
	case d == 0:
		return lang.L("due today")
	default:
		return lang.L("due {{.Date}}", map[string]any{"Date": formatDate(it.Due)})
	}
}

// latenessText says how late a row days overdue is (model.Lateness).
func latenessText(days int) string {
	tmpl, n := model.Lateness(days)
	data := map[string]any{"Count": n}
	switch tmpl {
	case model.LateDays:
		return lang.LocalizePlural("{{.Count}} days late", n, data)
	case model.LateWeeks:
		return lang.LocalizePlural("{{.Count}} weeks late", n, data)
	case model.LateMonths:
		return lang.LocalizePlural("{{.Count}} months late", n, data)
	case model.LateOverAYear:
		return lang.L("over a year late")
	}
	return ""
}

// reach says how to reach the client, their preferred way first.
func reach(it *model.DueItem) string {
	var parts []string
	if it.Channel != model.ChannelNone {
		parts = append(parts, lang.L(it.Channel.Label()))
	}
	if it.Phone != "" {
		parts = append(parts, it.Phone)
	}
	if it.Email != "" {
		parts = append(parts, it.Email)
	}
	return strings.Join(parts, " · ")
}

// promiseReason returns the open promise behind an item, if any.
func promiseReason(it *model.DueItem) (int64, string, bool) {
	for _, r := range it.Reasons {
		if r.Kind == model.ReasonPromise {
			if id, ok := r.Data["PromiseID"].(int64); ok {
				what, _ := r.Data["What"].(string)
				return id, what, true
			}
		}
	}
	return 0, "", false
}

// changed tells every view that a client's contacts changed.
func (v *dueView) changed(clientID int64) { v.u.changed(clientID) }

func (v *dueView) onLog(it *model.DueItem) {
	v.u.logContact(it.ClientID, it.Name, it.Channel, func() { v.changed(it.ClientID) })
}

func (v *dueView) onKept(it *model.DueItem) {
	id, what, ok := promiseReason(it)
	if !ok {
		return
	}
	kept := model.KeptPromiseContact(model.Promise{ID: id, ClientID: it.ClientID, What: what}, v.u.now(), it.Channel)
	contact := &kept
	clientID, name := it.ClientID, it.Name
	v.u.run(func(ctx context.Context) error { return v.u.storeDue().KeepPromise(ctx, id, contact) }, func(err error) {
		if err != nil {
			v.u.showError(lang.L("Could not mark the promise as kept; nothing was changed."), err)
			return
		}
		v.u.remember(undoKept(v.u, name, contact))
		v.changed(clientID)
	})
}

func (v *dueView) onSnooze(it *model.DueItem, from fyne.CanvasObject) {
	today := v.u.today()
	menu := fyne.NewMenu("",
		fyne.NewMenuItem(lang.L("Until tomorrow"), func() { v.snooze(it.ClientID, today.AddDate(0, 0, 1)) }),
		fyne.NewMenuItem(lang.L("Until next week"), func() { v.snooze(it.ClientID, today.AddDate(0, 0, 7)) }),
		fyne.NewMenuItem(lang.L("Until a date…"), func() { v.pickSnoozeDate(it.ClientID) }),
	)
	c := v.u.win.Canvas()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(from).Add(fyne.NewPos(0, from.Size().Height))
	widget.ShowPopUpMenuAtPosition(menu, c, pos)
}

func (v *dueView) pickSnoozeDate(clientID int64) {
	cal := widget.NewCalendar(v.u.today().AddDate(0, 0, 14), nil)
	var d dialog.Dialog
	cal.OnChanged = func(t time.Time) {
		d.Hide()
		v.snooze(clientID, model.Day(t))
	}
	d = dialog.NewCustom(lang.L("Snooze until"), lang.L("Cancel"), cal, v.u.win)
	d.Show()
}

// snooze moves the client's check-ins to until without logging a contact.
func (v *dueView) snooze(clientID int64, until time.Time) {
	if ve, ok := model.AsValidation(model.ValidateSnooze(until, v.u.today())); ok {
		dialog.ShowInformation(lang.L("Snooze"), tr(ve.Fields[0]), v.u.win)
		return
	}
	// The snooze before this one, for Edit › Undo.
	var c *model.Client
	v.u.run(func(ctx context.Context) (err error) {
		if c, err = v.u.storeDue().GetClient(ctx, clientID); err != nil {
			return err
		}
		return v.u.storeDue().Snooze(ctx, clientID, until)
	}, func(err error) {
		if err != nil {
			v.u.showError(lang.L("Could not snooze; nothing was changed."), err)
			return
		}
		v.u.remember(undoSnooze(v.u, c.Name, clientID, c.Plan.SnoozedUntil))
		v.changed(clientID)
	})
}

func (v *dueView) onOpen(it *model.DueItem) { v.u.openClient(it.ClientID) }

// onSelected remembers the clicked client, so the keyboard can act on it;
// a block heading cannot be selected.
func (v *dueView) onSelected(id widget.ListItemID) {
	v.selected = nil
	line, ok := v.line(id)
	if !ok || line.item < 0 {
		v.list.Unselect(id)
		return
	}
	if it := v.at(line.item); it != nil {
		cp := *it
		v.selected = &cp
	}
}

// selectedItem is the selected client of the list, or nil.
func (v *dueView) selectedItem() *model.DueItem { return v.selected }

// dueRow draws one line of the due list: a section heading, or a client
// with every reason to contact them, how to reach them, what to say, and
// the actions.
type dueRow struct {
	widget.BaseWidget
	v *dueView

	heading                   *widget.Label
	name, why, when, how, say *widget.Label
	badges                    *widget.Label
	log, kept, snooze, open   *widget.Button
	contact                   *widget.Button // one-click contact (reach.go)
	item                      *model.DueItem
	itemBox                   fyne.CanvasObject
}

func newDueRow(v *dueView) *dueRow {
	r := &dueRow{v: v, heading: boldLabel(""), name: boldLabel(""), why: widget.NewLabel(""), when: widget.NewLabel(""),
		how: widget.NewLabel(""), say: widget.NewLabel(""), badges: widget.NewLabel("")}
	r.heading.SizeName = theme.SizeNameSubHeadingText
	for _, l := range []*widget.Label{r.name, r.why, r.how, r.say} {
		l.Truncation = fyne.TextTruncateEllipsis
	}
	r.badges.Importance = widget.DangerImportance
	r.when.Importance = widget.WarningImportance
	// A row whose page is still loading has no item: its buttons do nothing.
	on := func(fn func(*model.DueItem)) func() {
		return func() {
			if r.item != nil {
				fn(r.item)
			}
		}
	}
	r.log = widget.NewButtonWithIcon(lang.L("Log contact"), theme.ConfirmIcon(), on(v.onLog))
	r.log.Importance = widget.HighImportance
	r.kept = widget.NewButton(lang.L("Promise kept"), on(v.onKept))
	r.snooze = widget.NewButtonWithIcon(lang.L("Snooze"), theme.HistoryIcon(), nil)
	r.snooze.OnTapped = on(func(it *model.DueItem) { v.onSnooze(it, r.snooze) })
	r.open = widget.NewButton(lang.L("Open"), on(v.onOpen))
	tight := func(objs ...fyne.CanvasObject) *fyne.Container {
		return container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), objs...)
	}
	r.contact = newDueContactButton(r)
	top := container.NewBorder(nil, nil, nil, container.NewHBox(r.badges, r.when), r.name)
	// The actions take a line of their own, so the name has the row's
	// whole width in every language.
	actions := container.NewHBox(r.contact, r.log, r.kept, r.snooze, r.open)
	r.itemBox = tight(top, r.why, r.how, r.say, actions)
	r.ExtendBaseWidget(r)
	return r
}

func (r *dueRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(r.heading, container.NewPadded(r.itemBox)))
}

func (r *dueRow) showHeading(text string) {
	r.item = nil
	r.heading.SetText(text)
	r.heading.Show()
	r.itemBox.Hide()
}

// showLoading shows an empty row while its page loads.
func (r *dueRow) showLoading() {
	r.item = nil
	r.heading.Hide()
	r.itemBox.Show()
	for _, l := range []*widget.Label{r.name, r.why, r.when, r.how, r.say, r.badges} {
		l.SetText("")
	}
	r.name.SetText("…")
	r.kept.Hide()
}

func (r *dueRow) showItem(it *model.DueItem) {
	r.item = it
	r.heading.Hide()
	r.itemBox.Show()
	r.name.SetText(it.Name)
	r.why.SetText(reasonText(it, r.v.u.settings.Money))
	r.when.SetText(r.v.whenText(it))
	r.how.SetText(reach(it))
	r.say.SetText(trReason(it.Suggestion, r.v.u.settings.Money))
	var badges []string
	for _, s := range it.AtRisk {
		badges = append(badges, lang.L(signalLabel(s)))
	}
	r.badges.SetText(strings.Join(badges, " · "))
	if _, _, ok := promiseReason(it); ok {
		r.kept.Show()
	} else {
		r.kept.Hide()
	}
}

// signalLabel names an at-risk signal; the English text is the translation key.
func signalLabel(s model.Signal) string {
	switch s {
	case model.SignalBuyingLess:
		return "buying less"
	case model.SignalOverdueContact:
		return "overdue contact"
	case model.SignalBrokenPromise:
		return "broken promise"
	case model.SignalOpenComplaint:
		return "open complaint"
	case model.SignalNegativeFeedback:
		return "unhappy last time"
	}
	return string(s)
}

// dueStore is what the check-ins read and write.
type dueStore interface {
	DueList(ctx context.Context, today time.Time, q model.DueQuery) (model.DuePage, error)
	GetClient(ctx context.Context, id int64) (*model.Client, error)
	KeepPromise(ctx context.Context, promiseID int64, contact *model.Interaction) error
	PromiseScore(ctx context.Context, clientID int64, today time.Time) (keptOnTime, due int, err error)
	Snooze(ctx context.Context, clientID int64, until time.Time) error
}

// storeDue is the window's store as dueStore: what this file may call.
func (u *UI) storeDue() dueStore { return u.store }
