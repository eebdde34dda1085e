package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// maxTimelineRows caps the history drawn on a client page.
const maxTimelineRows = 40

// lostText says why a client left.
func lostText(l model.Lost) string {
	if l.Text == "" {
		return lang.L(l.Reason.Label())
	}
	return lang.L(l.Reason.Label()) + " — " + l.Text
}

// timelineBox shows the client's whole history, newest first: contacts,
// purchases, promises, complaints and moves on the ladder in one list.
func (p *clientPage) timelineBox() fyne.CanvasObject {
	entries := model.Timeline(p.contacts, p.purchases, p.promises, p.complaints, p.moves)
	box := container.NewVBox()
	if p.due > 0 {
		score := widget.NewLabel(lang.L("Promises kept on time: {{.Kept}} of {{.Due}} (90 days)", map[string]any{"Kept": p.kept, "Due": p.due}))
		if p.kept < p.due {
			score.Importance = widget.WarningImportance
		}
		box.Add(score)
	}
	if len(entries) == 0 {
		box.Add(widget.NewLabel(lang.L("Nothing yet. Log a contact after every call or visit: it resets the check-in clock.")))
		return box
	}
	for i := range entries {
		if i == maxTimelineRows {
			box.Add(widget.NewLabel(lang.L("and {{.Count}} older entries", map[string]any{"Count": len(entries) - maxTimelineRows})))
			break
		}
		box.Add(p.timelineRow(entries[i]))
	}
	return box
}

func (p *clientPage) timelineRow(e model.TimelineEntry) fyne.CanvasObject {
	date := widget.NewLabel(formatDate(model.Day(e.At)))
	kind := boldLabel("")
	text := widget.NewLabel("")
	text.Truncation = fyne.TextTruncateEllipsis
	var action fyne.CanvasObject
	switch e.Kind {
	case model.TimelineContact:
		c := e.Contact
		kind.SetText(lang.L(c.Channel.Label()))
		s := joinNonEmpty(" · ", p.keptText(c), c.Summary)
		if c.Feedback != model.FeedbackNone {
			fb := lang.L(c.Feedback.Label())
			if c.FeedbackText != "" {
				fb += ": “" + c.FeedbackText + "”"
			}
			s = joinNonEmpty(" · ", s, fb)
		}
		text.SetText(s)
		if c.Feedback == model.FeedbackNegative {
			text.Importance = widget.DangerImportance
		}
		contact := *c
		action = widget.NewButton(lang.L("Open"), func() { p.openContact(contact) })
	case model.TimelinePurchase:
		pu := e.Purchase
		kind.SetText(lang.L("Bought"))
		text.SetText(pu.Item + " — " + p.u.money(pu.Amount))
		purchase := *pu
		action = widget.NewButton(lang.L("Edit"), func() { p.editPurchase(&purchase) })
	case model.TimelinePromise:
		pr := *e.Promise
		kind.SetText(lang.L("Promised"))
		text.SetText(lang.L("{{.What}} by {{.Date}} ({{.Status}})", map[string]any{
			"What": pr.What, "Date": formatDate(pr.DueBy), "Status": promiseStatusText(pr.Status)}))
		if pr.Status == model.PromiseOpen {
			if pr.DueBy.Before(p.u.today()) {
				text.Importance = widget.DangerImportance
			}
			action = container.NewHBox(widget.NewButton(lang.L("Kept"), func() { p.keepPromise(pr) }),
				widget.NewButton(lang.L("Edit"), func() { p.editPromise(&pr) }))
		} else {
			action = widget.NewButton(lang.L("Edit"), func() { p.editPromise(&pr) })
		}
	case model.TimelineComplaint:
		c := *e.Complaint
		kind.SetText(lang.L("Complaint"))
		text.SetText(c.What + " (" + lang.L(complaintStatusLabel(c.Status)) + ")")
		if c.Status == model.ComplaintOpen {
			text.Importance = widget.DangerImportance
			action = widget.NewButton(lang.L("Resolve"), func() { p.editComplaint(&c) })
		} else {
			action = widget.NewButton(lang.L("Edit"), func() { p.editComplaint(&c) })
		}
	case model.TimelineStage:
		kind.SetText(lang.L("Ladder"))
		text.SetText(moveText(*e.Stage))
	}
	// Fixed columns for the day and the kind keep the texts aligned.
	h := date.MinSize().Height
	left := container.NewHBox(container.NewGridWrap(fyne.NewSize(longestDateWidth(), h), date), container.NewGridWrap(fyne.NewSize(widestKind(), h), kind))
	return container.NewBorder(nil, nil, left, action, text)
}

// moveText says when (the day is in its own column) and how a client moved
// on the ladder and, for a move the owner made, why.
func moveText(m model.StageChange) string {
	s := m.At.Format("15:04") + " · " +
		lang.L("Moved from {{.From}} to {{.To}}", map[string]any{"From": lang.L(m.From.Label()), "To": lang.L(m.To.Label())})
	if m.ByHand {
		if m.Reason == "" {
			s += " " + lang.L("(by hand)")
		} else {
			s += " " + lang.L("(by hand: {{.Reason}})", map[string]any{"Reason": m.Reason})
		}
	}
	return s
}

func complaintStatusLabel(s model.ComplaintStatus) string {
	if s == model.ComplaintResolved {
		return "resolved"
	}
	return "open"
}

func joinNonEmpty(sep string, ss ...string) string {
	out := ""
	for _, s := range ss {
		if s == "" {
			continue
		}
		if out != "" {
			out += sep
		}
		out += s
	}
	return out
}

// keepPromise marks an open promise kept; keeping it is itself a contact.
func (p *clientPage) keepPromise(pr model.Promise) {
	kept := model.KeptPromiseContact(pr, p.u.now(), p.client.Channel)
	contact, name := &kept, p.client.Name
	p.u.run(func(ctx context.Context) error { return p.u.storeTimeline().KeepPromise(ctx, pr.ID, contact) }, func(err error) {
		if err != nil {
			p.u.showError(lang.L("Could not mark the promise as kept; nothing was changed."), err)
			return
		}
		p.u.remember(undoKept(p.u, name, contact))
		p.contactsChanged()
	})
}

// keptText says which promise a contact kept, in the owner's language
// ("" for a contact that kept none, or one whose promise was deleted).
func (p *clientPage) keptText(c *model.Interaction) string {
	if c.PromiseID == 0 {
		return ""
	}
	for _, pr := range p.promises {
		if pr.ID == c.PromiseID {
			return lang.L("Kept the promise: {{.What}}", map[string]any{"What": pr.What})
		}
	}
	return ""
}

// timelineStore is what the timeline's actions write.
type timelineStore interface {
	KeepPromise(ctx context.Context, promiseID int64, contact *model.Interaction) error
}

// widestKind is the width of the widest name of a timeline row's kind in
// the window's language ("Promised" is "Խոստացել եմ" in Armenian), so the
// kind column fits them all and the texts stay aligned.
func widestKind() float32 {
	names := []string{lang.L("Bought"), lang.L("Promised"), lang.L("Complaint"), lang.L("Ladder")}
	for _, ch := range model.ContactChannels {
		names = append(names, lang.L(ch.Label()))
	}
	var w float32
	for _, n := range names {
		w = max(w, boldLabel(n).MinSize().Width) // as the column shows them
	}
	return w
}

// storeTimeline is the window's store as timelineStore: what this file may call.
func (u *UI) storeTimeline() timelineStore { return u.store }
