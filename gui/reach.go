package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// One-click contact: each phone of a client offers Call, SMS, WhatsApp,
// Viber and Telegram, each email Email, opened through the system with
// the number in E.164 and a message already written in the client's
// language (model/templates.go). When the owner comes back to the window,
// one click logs the contact with that channel and text.

// reachTarget is what one-click contact needs to know of a client.
type reachTarget struct {
	ClientID int64
	Name     string
	Phones   []string
	Email    string
	Language string // as typed on the client's record; "" for the owner's
	Channel  model.Channel
	Reasons  []model.Reason // why they are due, the most pressing first
	Since    int            // years as a client, for an anniversary
}

// targetOf is the reach target of a client and the reasons they are due.
func targetOf(c *model.Client, reasons []model.Reason) reachTarget {
	return reachTarget{ClientID: c.ID, Name: c.Name, Phones: c.Phones, Email: c.Email, Language: c.Language,
		Channel: c.Channel, Reasons: reasons}
}

// message writes the message for t from the owner's templates: the kind
// follows the most pressing reason, the language the client's.
func (u *UI) message(t reachTarget, ts model.Templates) (model.MessageKind, string) {
	kind := model.MessageKindFor(t.Reasons)
	d := model.MessageData{Name: t.Name}
	for _, r := range t.Reasons {
		if s, ok := r.Data["Item"].(string); ok && d.Item == "" {
			d.Item = s
		}
		if s, ok := r.Data["What"].(string); ok && d.What == "" {
			d.What = s
		}
		if m, ok := r.Data["Amount"].(model.Money); ok && d.Amount == "" {
			d.Amount = u.money(m)
		}
		if y, ok := r.Data["Years"].(int); ok && d.Years == 0 {
			d.Years = y
		}
	}
	tag := model.MessageLanguage(t.Language, model.MessageLanguage(shownLanguage(), "en"))
	return kind, model.FillMessage(ts.Text(kind, tag), d)
}

// reachLinks are the links that reach t, the client's preferred way
// first, one group per phone and then the email; a phone the library
// cannot read as a real number is left out.
func (u *UI) reachLinks(t reachTarget, text string) [][]model.ReachLink {
	var groups [][]model.ReachLink
	phones := func() {
		for _, p := range t.Phones {
			e164 := model.PhoneE164(p, u.settings.HomeCountry)
			var g []model.ReachLink
			for _, app := range model.OrderFor(t.Channel) {
				if l, ok := model.PhoneLink(app, e164, text); ok {
					l.Address = p
					g = append(g, l)
				}
			}
			if len(g) > 0 {
				groups = append(groups, g)
			}
		}
	}
	email := func() {
		if l, ok := model.EmailLink(t.Email, "", text); ok {
			groups = append(groups, []model.ReachLink{l})
		}
	}
	if t.Channel == model.ChannelEmail {
		email()
		phones()
	} else {
		phones()
		email()
	}
	return groups
}

// reachLabel names a link on a button: "WhatsApp".
func reachLabel(l model.ReachLink) string { return lang.L(l.App.Label()) }

// reachIcon is the icon of a way to reach.
func reachIcon(a model.ReachApp) fyne.Resource {
	switch a {
	case model.ReachCall:
		return theme.AccountIcon()
	case model.ReachEmail:
		return theme.MailSendIcon()
	}
	return theme.MailComposeIcon()
}

// reach opens link, with text on the clipboard where the program does
// not take it, then asks to log the contact; done runs after it is
// logged.
func (u *UI) reach(t reachTarget, l model.ReachLink, text string, done func()) {
	if !l.App.TakesText() && l.App != model.ReachCall && text != "" {
		u.app.Clipboard().SetContent(text)
	}
	if err := u.openURL(l.URL); err != nil {
		u.showError(lang.L("Could not open {{.App}}. Is it installed on this computer?", map[string]any{"App": reachLabel(l)}), err)
		return
	}
	u.askToLog(t, l, text, done)
}

// askToLog waits for the owner to come back from the call or message:
// one click logs it with its channel and the message as its summary.
func (u *UI) askToLog(t reachTarget, l model.ReachLink, text string, done func()) {
	what := lang.L("{{.App}} opened for {{.Name}} ({{.Address}}).", map[string]any{"App": reachLabel(l), "Name": t.Name, "Address": l.Address})
	if !l.App.TakesText() && l.App != model.ReachCall && text != "" {
		what += " " + lang.L("The message is on the clipboard: paste it into the chat.")
	}
	info := widget.NewLabel(what)
	info.Wrapping = fyne.TextWrapWord
	summary := newMultiLineEntry()
	summary.Wrapping = fyne.TextWrapWord
	summary.SetText(text)
	summary.SetMinRowsVisible(3)
	hint := widget.NewLabel(lang.L("When you are done, log the contact: the check-in clock starts again."))
	hint.Wrapping = fyne.TextWrapWord
	hint.SizeName = theme.SizeNameCaptionText
	body := container.NewVBox(info, boldLabel(lang.L("Summary")), summary, hint)

	var d *dialog.CustomDialog
	notNow := widget.NewButton(lang.L("Not now"), func() { d.Hide() })
	logBtn := widget.NewButtonWithIcon(lang.L("Log contact"), theme.ConfirmIcon(), nil)
	logBtn.Importance = widget.HighImportance
	logBtn.OnTapped = func() {
		logBtn.Disable()
		contact := &model.Interaction{ClientID: t.ClientID, At: u.now(), Channel: l.App.ContactChannel(), Summary: summary.Text}
		contact.Normalize()
		u.run(func(ctx context.Context) error { return u.storeReach().LogContact(ctx, contact, nil) }, func(err error) {
			logBtn.Enable()
			if err != nil {
				if _, ok := model.AsValidation(err); ok {
					dialog.ShowInformation(lang.L("Check what you typed"), validationText(err), u.win)
					return
				}
				u.showError(lang.L("Could not log the contact; nothing was changed."), err)
				return
			}
			d.Hide()
			u.remember(undoLog(u, t.Name, contact, nil))
			if done != nil {
				done()
			}
		})
	}
	d = dialog.NewCustomWithoutButtons(lang.L("Log this contact?"),
		container.NewBorder(nil, newFlow(notNow, logBtn), nil, nil, body), u.win)
	d.Resize(fyne.NewSize(min(560, u.win.Canvas().Size().Width-32), d.MinSize().Height))
	d.Show()
}

// validationText joins the messages of a validation error, translated.
func validationText(err error) string {
	ve, ok := model.AsValidation(err)
	if !ok {
		return err.Error()
	}
	s := ""
	for i, fe := range ve.Fields {
		if i > 0 {
			s += "\n"
		}
		s += tr(fe)
	}
	return s
}

// reachMenu lists every way to reach t, for a button too small for them
// all (a row of the check-ins).
func (u *UI) reachMenu(t reachTarget, ts model.Templates, done func()) *fyne.Menu {
	_, text := u.message(t, ts)
	var items []*fyne.MenuItem
	for i, g := range u.reachLinks(t, text) {
		if i > 0 {
			items = append(items, fyne.NewMenuItemSeparator())
		}
		for _, l := range g {
			it := fyne.NewMenuItem(reachLabel(l)+" · "+l.Address, func() { u.reach(t, l, text, done) })
			it.Icon = reachIcon(l.App)
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		it := fyne.NewMenuItem(lang.L("No phone or email: add one with Edit."), nil)
		it.Disabled = true
		items = append(items, it)
	}
	return fyne.NewMenu("", items...)
}

// showReachMenu opens the ways to reach the client of a check-in under
// button from; the client's phones and language are read first.
func (u *UI) showReachMenu(clientID int64, reasons []model.Reason, from fyne.CanvasObject, done func()) {
	var c *model.Client
	var ts model.Templates
	u.run(func(ctx context.Context) (err error) {
		if c, err = u.storeReach().GetClient(ctx, clientID); err != nil {
			return err
		}
		ts, err = u.storeReach().MessageTemplates(ctx)
		return err
	}, func(err error) {
		if err != nil {
			u.showError(lang.L("Could not open this client."), err)
			return
		}
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(from).Add(fyne.NewPos(0, from.Size().Height))
		widget.ShowPopUpMenuAtPosition(u.reachMenu(targetOf(c, reasons), ts, done), u.win.Canvas(), pos)
	})
}

// newDueContactButton is the one-click contact of a row of the check-ins:
// it lists the ways to reach the row's client, with the message for the
// reasons they are due.
func newDueContactButton(r *dueRow) *widget.Button {
	b := widget.NewButtonWithIcon(lang.L("Contact…"), theme.MailComposeIcon(), nil)
	b.OnTapped = func() {
		if it := r.item; it != nil {
			id := it.ClientID
			r.v.u.showReachMenu(id, it.Reasons, b, func() { r.v.changed(id) })
		}
	}
	return b
}

// reachStore is what one-click contact reads and logs.
type reachStore interface {
	GetClient(ctx context.Context, id int64) (*model.Client, error)
	LogContact(ctx context.Context, i *model.Interaction, promise *model.Promise) error // both or neither
	MessageTemplates(ctx context.Context) (model.Templates, error)
}

// storeReach is the window's store as reachStore: what this file may call.
func (u *UI) storeReach() reachStore { return u.store }
