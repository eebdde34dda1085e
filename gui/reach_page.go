package gui

import (
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// The client page starts with how to reach the client: their name and
// rung, the next check-in, the note that matters, each phone and email
// with its one-click ways to reach them (the preferred one first) and
// the message ready to send; then the actions; then their preferences
// and purchase habits at a glance; then the timeline; then the details.
// The whole page scrolls up and down only: text wraps and rows of
// buttons flow onto more lines rather than widen the window.

// pageBody builds the client page.
func (p *clientPage) pageBody() fyne.CanvasObject {
	c := p.client
	p.title = widget.NewLabel(c.Name)
	p.title.TextStyle.Bold = true
	p.title.SizeName = theme.SizeNameSubHeadingText
	p.title.Wrapping = fyne.TextWrapWord

	var sub []string
	if c.Company != "" {
		sub = append(sub, c.Company)
	}
	if c.City != "" {
		sub = append(sub, c.City)
	}
	if !c.Since.IsZero() {
		sub = append(sub, lang.L("client since {{.Date}}", map[string]any{"Date": formatDate(c.Since)}))
	}
	subtitle := widget.NewLabel(strings.Join(sub, " · "))
	subtitle.Wrapping = fyne.TextWrapWord

	edit := widget.NewButtonWithIcon(lang.L("Edit"), theme.DocumentCreateIcon(), func() { p.editClient(p.client) })
	p.moveBtn = widget.NewButtonWithIcon(lang.L("Move to…"), theme.MoveUpIcon(), nil)
	p.moveBtn.OnTapped = func() { p.u.ladder.onMove(p.client, p.moveBtn) }
	del := widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), p.onDelete)
	del.Importance = widget.DangerImportance
	// The buttons share the name's line only; what follows has the page's
	// whole width.
	header := container.NewBorder(nil, nil, nil, container.NewVBox(container.NewHBox(edit, p.moveBtn, del)), p.title)

	body := container.NewVBox(header, subtitle, p.standing(), p.tagsLine())
	if c.Notes != "" {
		// The note that matters ("left after a disagreement, call to make
		// it right") is read before the owner reaches for the phone.
		p.note = widget.NewLabel(c.Notes)
		p.note.Wrapping = fyne.TextWrapWord
		p.note.Importance = widget.WarningImportance
		body.Add(p.note)
	}
	if c.Lost.IsLost() {
		lost := widget.NewLabel(lang.L("Lost on {{.Date}}: {{.Reason}}", map[string]any{"Date": formatDate(c.Lost.On), "Reason": lostText(c.Lost)}))
		lost.Importance = widget.DangerImportance
		lost.Wrapping = fyne.TextWrapWord
		body.Add(container.NewBorder(nil, nil, nil, widget.NewButton(lang.L("They are back"), p.undoLost), lost))
	}
	body.Add(p.reachBox())
	body.Add(p.actionsRow())
	body.Add(section(lang.L("At a glance"), p.glanceBox()))
	body.Add(section(lang.L("Timeline"), p.timelineBox()))
	body.Add(section(lang.L("Preferences"), p.preferencesBox()))
	body.Add(section(lang.L("Purchases"), p.purchasesBox()))
	body.Add(section(lang.L("Contact details"), p.contactBox()))
	return body
}

// actionsRow holds what the owner does after reaching the client.
func (p *clientPage) actionsRow() fyne.CanvasObject {
	c := p.client
	logBtn := widget.NewButtonWithIcon(lang.L("Log contact"), theme.ConfirmIcon(), func() {
		p.u.logContact(c.ID, c.Name, c.Channel, p.contactsChanged)
	})
	logBtn.Importance = widget.HighImportance
	promiseBtn := widget.NewButton(lang.L("Promise an update"), func() { p.editPromise(nil) })
	complaintBtn := widget.NewButton(lang.L("Record complaint"), func() { p.editComplaint(nil) })
	purchaseBtn := widget.NewButtonWithIcon(lang.L("Record purchase"), theme.ContentAddIcon(), func() { p.editPurchase(nil) })
	row := newFlow(logBtn, promiseBtn, complaintBtn, purchaseBtn)
	if !c.Lost.IsLost() {
		row.Add(widget.NewButton(lang.L("Stopped buying…"), p.markLost))
	}
	return row
}

// reachBox shows each phone and email with its one-click ways to reach
// the client, the preferred one first, and the message they will get.
func (p *clientPage) reachBox() fyne.CanvasObject {
	c := p.client
	var reasons []model.Reason
	if it, ok := model.DueFor(p.history, p.schedule, p.u.today()); ok {
		reasons = it.Reasons
	}
	t := targetOf(c, reasons)
	kind, text := p.u.message(t, p.templates)
	box := container.NewVBox()
	if c.Channel != model.ChannelNone {
		pref := widget.NewLabel(lang.L("Prefers: {{.Channel}}", map[string]any{"Channel": lang.L(c.Channel.Label())}))
		pref.TextStyle.Bold = true
		box.Add(pref)
	}
	p.reachButtons = nil
	groups := p.u.reachLinks(t, text)
	for _, g := range groups {
		addr := widget.NewLabel(g[0].Address)
		addr.Selectable = true
		addr.TextStyle.Bold = true
		var buttons []fyne.CanvasObject
		for i, l := range g {
			b := widget.NewButtonWithIcon(reachLabel(l), reachIcon(l.App), func() { p.u.reach(t, l, text, p.contactsChanged) })
			if i == 0 {
				b.Importance = widget.HighImportance
			}
			p.reachButtons = append(p.reachButtons, b)
			buttons = append(buttons, b)
		}
		box.Add(container.NewBorder(nil, nil, container.NewVBox(addr, layout.NewSpacer()), nil, newFlow(buttons...)))
	}
	// Numbers the phone library cannot read get no buttons, but still show.
	for _, ph := range c.Phones {
		if model.PhoneE164(ph, p.u.settings.HomeCountry) == "" {
			l := widget.NewLabel(lang.L("{{.Phone}}: add the country code to reach this number in one click", map[string]any{"Phone": ph}))
			l.Wrapping = fyne.TextWrapWord
			box.Add(l)
		}
	}
	if len(groups) == 0 && len(c.Phones) == 0 {
		none := widget.NewLabel(lang.L("No phone or email: add one with Edit."))
		none.Wrapping = fyne.TextWrapWord
		box.Add(none)
		return box
	}
	p.message = widget.NewLabel(text)
	p.message.Wrapping = fyne.TextWrapWord
	caption := widget.NewLabel(lang.L("Message ({{.Kind}}), from Settings › Messages:", map[string]any{"Kind": lang.L(kind.Label())}))
	caption.SizeName = theme.SizeNameCaptionText
	caption.Wrapping = fyne.TextWrapWord
	box.Add(caption)
	box.Add(p.message)
	return box
}

// glanceBox sums up what the client likes and how they buy, so the owner
// speaks to their preferences and purchase habits.
func (p *clientPage) glanceBox() fyne.CanvasObject {
	box := container.NewVBox()
	st := model.ComputeStats(p.purchases, p.u.today())
	if st.Count > 0 {
		l := widget.NewLabel(purchaseHabits(p.u, st))
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	for _, att := range []model.Attitude{model.Likes, model.Dislikes} {
		var vals []string
		for _, pr := range p.prefs {
			if pr.Attitude == att {
				vals = append(vals, pr.Value)
			}
		}
		if len(vals) == 0 {
			continue
		}
		title := lang.L("Likes")
		if att == model.Dislikes {
			title = lang.L("Dislikes")
		}
		l := widget.NewLabel(title + ": " + strings.Join(vals, ", "))
		l.Wrapping = fyne.TextWrapWord
		if att == model.Dislikes {
			l.Importance = widget.WarningImportance
		}
		box.Add(l)
	}
	if len(box.Objects) == 0 {
		l := widget.NewLabel(lang.L("No purchases or preferences recorded yet."))
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	return box
}

// purchaseHabits says in a line how the client buys: how often, how
// much, when last.
func purchaseHabits(u *UI, st model.PurchaseStats) string {
	parts := []string{
		lang.LocalizePlural("{{.Count}} purchases", st.Count, map[string]any{"Count": st.Count}),
		lang.L("spent {{.Amount}}", map[string]any{"Amount": u.money(st.Total)}),
		lang.L("last {{.Date}}", map[string]any{"Date": formatDate(st.Last)}),
	}
	if st.Count > 1 {
		days := int(math.Round(st.AverageGapDays))
		parts = append(parts, lang.LocalizePlural("every {{.Days}} days on average", days, map[string]any{"Days": days}))
	}
	return strings.Join(parts, " · ")
}

// dateColumnWidth is the width of the widest date of ps, so the items
// beside them line up in every language ("17 հոկ, 2026 թ." is wider than
// "17 Oct 2026").
func dateColumnWidth(ps []model.Purchase) float32 {
	var w float32
	for _, pu := range ps {
		w = max(w, widget.NewLabel(formatDate(pu.Date)).MinSize().Width)
	}
	return w
}
