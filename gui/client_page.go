package gui

import (
	"context"
	"errors"
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

// maxPurchaseRows caps the purchases drawn on a client page; a wholesale
// client with thousands of sales still opens at once.
const maxPurchaseRows = 200

// clientPage is the right-hand side of the client book: a hint when nothing
// is selected, the selected client's page, or the form that edits a client.
type clientPage struct {
	u *UI
	v *clientsView

	content *fyne.Container

	gen        int // identifies the latest load, so a slow older one is dropped
	client     *model.Client
	prefs      []model.Preference
	purchases  []model.Purchase
	contacts   []model.Interaction
	promises   []model.Promise
	complaints []model.Complaint
	moves      []model.StageChange // moves on the ladder, newest first
	kept, due  int                 // promises kept on time, of those due, in 90 days
	history    model.History
	schedule   model.ScheduleSettings
	ladder     model.LadderSettings // for the loyalty discount of the client's rung
	templates  model.Templates      // the owner's wording of one-click messages
	form       *clientForm

	// Shown widgets that tests and the smoke run read.
	title    *widget.Label
	stats    *widget.Label
	stage    *widget.Label // rung and next check-in
	lapsed   *widget.Label // the Lapsed badge
	risk     *widget.Label // at-risk signals
	discount *widget.Label // the loyalty discount of their rung

	// The reach part of the page (reach_page.go).
	note         *widget.Label    // the client's notes, at the top
	message      *widget.Label    // the message one-click contact sends
	reachButtons []*widget.Button // Call, SMS, WhatsApp… per phone, then Email
	moveBtn      *widget.Button   // Move to… a rung
}

func newClientPage(u *UI, v *clientsView) *clientPage {
	p := &clientPage{u: u, v: v, content: container.NewStack()}
	p.showHint()
	return p
}

func (p *clientPage) showHint() {
	p.client, p.form = nil, nil
	hint := widget.NewLabel(lang.L("Choose a client on the left to see their preferences and purchases, or add a new client."))
	hint.Wrapping = fyne.TextWrapWord
	hint.Alignment = fyne.TextAlignCenter
	p.content.Objects = []fyne.CanvasObject{container.NewCenter(container.NewGridWrap(fyne.NewSize(360, 120), hint))}
	p.content.Refresh()
}

// show loads client id with its preferences and purchases and draws the page.
func (p *clientPage) show(id int64) {
	p.gen++
	gen := p.gen
	var page model.ClientPage
	today := p.u.today()
	p.u.run(func(ctx context.Context) (err error) {
		page, err = p.u.storeClientPage().ClientPage(ctx, id, today)
		return err
	}, func(err error) {
		if gen != p.gen {
			return
		}
		switch {
		case errors.Is(err, model.ErrNotFound):
			p.showHint() // deleted meanwhile, e.g. from the command line
			p.v.reload()
		case err != nil:
			p.u.showError(lang.L("Could not open this client."), err)
		default:
			p.client, p.prefs, p.purchases, p.form = page.Client, page.Preferences, page.Purchases, nil
			p.contacts, p.promises, p.complaints, p.moves = page.Contacts, page.Promises, page.Complaints, page.Moves
			p.kept, p.due, p.ladder = page.PromisesKept, page.PromisesDue, page.Ladder
			p.history, p.schedule, p.templates = page.History, page.Schedule, page.Templates
			p.draw()
		}
	})
}

// reloadCurrent draws the current client again after something of theirs changed.
func (p *clientPage) reloadCurrent() {
	if p.client != nil {
		p.show(p.client.ID)
	}
	p.v.changed()
}

func (p *clientPage) draw() {
	// The page scrolls up and down only: what is wide wraps (pageBody).
	p.content.Objects = []fyne.CanvasObject{container.NewVScroll(container.NewPadded(p.pageBody()))}
	p.content.Refresh()
}

// section is a titled part of the client page.
func section(title string, content fyne.CanvasObject) fyne.CanvasObject {
	t := boldLabel(title)
	t.SizeName = theme.SizeNameSubHeadingText
	return container.NewVBox(widget.NewSeparator(), t, content)
}

func (p *clientPage) tagsLine() fyne.CanvasObject {
	if len(p.client.Tags) == 0 {
		return container.NewStack()
	}
	box := newFlow()
	for _, t := range p.client.Tags {
		l := widget.NewLabel("#" + t)
		l.Importance = widget.HighImportance
		box.Add(l)
	}
	return box
}

// contactBox lists how to reach the client, skipping what is not recorded.
func (p *clientPage) contactBox() fyne.CanvasObject {
	c := p.client
	var rows []fyne.CanvasObject
	add := func(label, value string) {
		if strings.TrimSpace(value) == "" {
			return
		}
		v := widget.NewLabel(value)
		v.Wrapping = fyne.TextWrapWord
		v.Selectable = true
		rows = append(rows, boldLabel(label), v)
	}
	add(lang.L("Phones"), strings.Join(c.Phones, "\n"))
	add(lang.L("Email"), c.Email)
	add(lang.L("Address"), strings.Join(nonEmpty(c.Address, c.City), ", "))
	if c.Channel != model.ChannelNone {
		add(lang.L("Prefers"), lang.L(c.Channel.Label()))
	}
	add(lang.L("Language"), c.Language)
	add(lang.L("Birthday"), formatBirthday(c.Birthday))
	add(lang.L("Referred by"), c.ReferredByName)
	if len(rows) == 0 {
		return widget.NewLabel(lang.L("No contact details yet: add a phone or email with Edit."))
	}
	return container.New(layout.NewFormLayout(), rows...)
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func formatBirthday(b model.Birthday) string {
	if b.IsZero() {
		return ""
	}
	return localBirthday(b)
}

// preferencesBox shows likes and dislikes grouped by category, so the owner
// takes them in at a glance; a tap on one edits it.
func (p *clientPage) preferencesBox() fyne.CanvasObject {
	add := widget.NewButtonWithIcon(lang.L("Add preference"), theme.ContentAddIcon(), func() { p.editPreference(nil) })
	if len(p.prefs) == 0 {
		hint := widget.NewLabel(lang.L("Nothing recorded yet. Note brands, sizes, colours and how they like to pay."))
		hint.Wrapping = fyne.TextWrapWord
		return container.NewVBox(hint, container.NewHBox(add))
	}
	box := container.NewVBox()
	for _, att := range []model.Attitude{model.Likes, model.Dislikes} {
		var rows []fyne.CanvasObject
		for _, cat := range model.PrefCategories {
			var buttons []fyne.CanvasObject
			for i := range p.prefs {
				pr := p.prefs[i]
				if pr.Attitude != att || pr.Category != cat {
					continue
				}
				text := pr.Value
				if pr.Note != "" {
					text += " (" + pr.Note + ")"
				}
				b := widget.NewButton(ellipsis(text, 40), func() { p.editPreference(&pr) })
				if att == model.Dislikes {
					b.Importance = widget.WarningImportance
				}
				buttons = append(buttons, b)
			}
			if len(buttons) > 0 {
				rows = append(rows, widget.NewLabel(lang.L(cat.Label())), chunked(buttons, 3))
			}
		}
		if len(rows) == 0 {
			continue
		}
		title := lang.L("Likes")
		if att == model.Dislikes {
			title = lang.L("Dislikes")
		}
		box.Add(boldLabel(title))
		box.Add(container.New(layout.NewFormLayout(), rows...))
	}
	box.Add(container.NewHBox(add))
	return box
}

// chunked lays objects out n to a line.
func chunked(objs []fyne.CanvasObject, n int) fyne.CanvasObject {
	box := container.NewVBox()
	for len(objs) > 0 {
		k := min(n, len(objs))
		box.Add(container.NewHBox(objs[:k]...))
		objs = objs[k:]
	}
	return box
}

// ellipsis shortens s to at most n characters.
func ellipsis(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// purchasesBox shows the purchase figures and the purchases, newest first.
func (p *clientPage) purchasesBox() fyne.CanvasObject {
	st := model.ComputeStats(p.purchases, p.u.today())
	record := widget.NewButtonWithIcon(lang.L("Record purchase"), theme.ContentAddIcon(), func() { p.editPurchase(nil) })
	record.Importance = widget.HighImportance
	if st.Count == 0 {
		p.stats = widget.NewLabel(lang.L("No purchases yet."))
		return container.NewVBox(p.stats, container.NewHBox(record))
	}
	p.stats = widget.NewLabel(purchaseHabits(p.u, st))
	p.stats.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(p.stats)
	if st.Owed > 0 {
		owed := widget.NewLabel(lang.L("Owes {{.Amount}}", map[string]any{"Amount": p.u.money(st.Owed)}))
		owed.Importance = widget.WarningImportance
		if st.OverdueOwed > 0 {
			owed.SetText(lang.L("Owes {{.Amount}}, of which {{.Overdue}} is past due", map[string]any{
				"Amount": p.u.money(st.Owed), "Overdue": p.u.money(st.OverdueOwed)}))
			owed.Importance = widget.DangerImportance
		}
		box.Add(owed)
	}
	box.Add(container.NewHBox(record))
	rows := container.NewVBox()
	dateW := dateColumnWidth(p.purchases[:min(len(p.purchases), maxPurchaseRows)])
	for i := range p.purchases {
		if i == maxPurchaseRows {
			break
		}
		pu := p.purchases[i]
		item := pu.Item
		if pu.Category != "" {
			item += " (" + pu.Category + ")"
		}
		open := widget.NewHyperlink(item, nil)
		open.OnTapped = func() { p.editPurchase(&pu) }
		open.Truncation = fyne.TextTruncateEllipsis
		right := container.NewHBox()
		if pu.Discount > 0 {
			off := widget.NewLabel(lang.L("discount {{.Percent}} %", map[string]any{"Percent": pu.Discount}))
			off.Importance = widget.SuccessImportance
			right.Add(off)
		}
		if pu.Unpaid > 0 {
			due := lang.L("{{.Amount}} unpaid", map[string]any{"Amount": p.u.money(pu.Unpaid)})
			if !pu.DueDate.IsZero() {
				due += " · " + lang.L("due {{.Date}}", map[string]any{"Date": formatDate(pu.DueDate)})
			}
			owed := widget.NewLabel(due)
			owed.Importance = widget.WarningImportance
			right.Add(owed)
		}
		right.Add(widget.NewLabel(p.u.money(pu.Amount)))
		date := widget.NewLabel(formatDate(pu.Date))
		rows.Add(container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(dateW, date.MinSize().Height), date), right, open))
	}
	box.Add(rows)
	if len(p.purchases) > maxPurchaseRows {
		box.Add(widget.NewLabel(lang.L("and {{.Count}} older purchases", map[string]any{"Count": len(p.purchases) - maxPurchaseRows})))
	}
	return box
}

func (p *clientPage) onDelete() {
	c := p.client
	if c == nil {
		return
	}
	msg := lang.L("Delete {{.Name}}? Their purchases, preferences and everything else recorded for them will be deleted too. This cannot be undone.",
		map[string]any{"Name": c.Name})
	d := dialog.NewConfirm(lang.L("Delete client"), msg, func(ok bool) {
		if !ok {
			return
		}
		id := c.ID
		p.u.run(func(ctx context.Context) error { return p.u.storeClientPage().DeleteClient(ctx, id) }, func(err error) {
			if err != nil && !errors.Is(err, model.ErrNotFound) {
				p.u.showError(lang.L("Could not delete the client; nothing was changed."), err)
				return
			}
			p.showHint()
			p.v.list.UnselectAll()
			p.v.changed()
			p.u.refreshStart()
		})
	}, p.u.win)
	d.SetConfirmText(lang.L("Delete"))
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

// editClient opens the client form: c is nil for a new client.
func (p *clientPage) editClient(c *model.Client) {
	p.gen++ // a page load still under way must not replace the form
	p.form = newClientForm(p.u, c, p.onFormDone)
	p.content.Objects = []fyne.CanvasObject{p.form.content}
	p.content.Refresh()
	p.u.win.Canvas().Focus(p.form.name)
}

// closeForm leaves the form without saving.
func (p *clientPage) closeForm() {
	p.form = nil
	if p.client != nil {
		p.show(p.client.ID)
	} else {
		p.showHint()
	}
}

// onFormDone is called by the form after a save (saved != nil) or a cancel.
func (p *clientPage) onFormDone(saved *model.Client) {
	if saved == nil {
		p.closeForm()
		return
	}
	p.client = saved
	p.v.selected = saved.ID
	p.show(saved.ID)
	p.u.showClients()
	p.v.changed()
}

// standing says where the client stands: their rung (and, when the owner
// pinned them, where the rules would put them), when the next check-in is
// due, the Lapsed badge and any at-risk signal, so the owner sees trouble
// before it grows, and the loyalty discount their rung earns.
func (p *clientPage) standing() fyne.CanvasObject {
	today := p.u.today()
	c, h := p.client, p.history
	st := c.Stage
	if st == "" { // a store that does not place clients yet
		st = h.Stage
	}
	parts := []string{lang.L(st.Label())}
	if !c.Pin.IsZero() {
		parts = append(parts, lang.L("pinned; rules say {{.Stage}}", map[string]any{"Stage": lang.L(c.AutoStage.Label())}))
	}
	if next := model.NextDue(h, p.schedule, today); !next.IsZero() {
		if next.After(today) {
			parts = append(parts, lang.L("next check-in {{.Date}}", map[string]any{"Date": formatDate(next)}))
		} else {
			parts = append(parts, lang.L("due for contact"))
		}
	}
	p.stage = widget.NewLabel(strings.Join(parts, " · "))
	p.lapsed = widget.NewLabel(lang.L("Lapsed"))
	p.lapsed.Importance = widget.WarningImportance
	p.lapsed.TextStyle.Bold = true
	if !c.Lapsed {
		p.lapsed.Hide()
	}
	p.risk = widget.NewLabel("")
	p.risk.Importance = widget.DangerImportance
	var signals []string
	for _, s := range model.AtRisk(h, p.schedule, today) {
		signals = append(signals, lang.L(signalLabel(s)))
	}
	if len(signals) > 0 {
		p.risk.SetText(lang.L("At risk: {{.Signals}}", map[string]any{"Signals": strings.Join(signals, ", ")}))
	} else {
		p.risk.Hide()
	}
	p.discount = widget.NewLabel(discountText(p.ladder.Discount(st)))
	p.discount.Importance = widget.SuccessImportance
	if p.discount.Text == "" {
		p.discount.Hide()
	}
	p.stage.Wrapping = fyne.TextWrapWord
	p.risk.Wrapping = fyne.TextWrapWord
	return container.NewVBox(p.stage, newFlow(p.lapsed), p.risk, p.discount)
}

// discountText names a rung's loyalty discount; "" for none.
func discountText(percent int) string {
	if percent <= 0 {
		return ""
	}
	return lang.L("Loyalty discount: {{.Percent}} %", map[string]any{"Percent": percent})
}

// clientPageStore is what the client page reads and changes.
type clientPageStore interface {
	// ClientPage reads everything the client page shows, in one read.
	ClientPage(ctx context.Context, id int64, today time.Time) (model.ClientPage, error)
	DeleteClient(ctx context.Context, id int64) error
}

// storeClientPage is the window's store as clientPageStore: what this file may call.
func (u *UI) storeClientPage() clientPageStore { return u.store }
