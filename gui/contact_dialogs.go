package gui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// channelNames are the contact channels as the owner reads them.
func channelNames() []string {
	names := make([]string, len(model.ContactChannels))
	for i, c := range model.ContactChannels {
		names[i] = lang.L(c.Label())
	}
	return names
}

// logContact opens the small "log a contact" form: the channel is preset
// to the client's preferred one, so the common case is Log contact, Save.
// The owner can also note what the client said and promise an update.
func (u *UI) logContact(clientID int64, name string, preferred model.Channel, done func()) {
	// When: now unless the owner is logging yesterday's call.
	form := newContactForm(model.Interaction{At: u.now(), Channel: model.ContactChannelFor(preferred)})
	promise := newEntry()
	promise.SetPlaceHolder(lang.L("e.g. call when the new boots arrive (optional)"))
	promiseDue := dateEntry(model.DefaultPromiseDue(u.today()))

	fields := append(form.fields(),
		newFormField(model.FieldWhat, lang.L("I promised to"), promise),
		newFormField(model.FieldDueBy, lang.L("Promised by"), promiseDue),
	)
	var contact model.Interaction
	var pr *model.Promise
	var step *undoStep
	validate := func() error {
		contact = model.Interaction{ClientID: clientID}
		ve := &model.ValidationError{}
		form.read(&contact, u.now(), ve)
		pr = nil
		if strings.TrimSpace(promise.Text) != "" {
			due, ok := dateOf(promiseDue)
			if !ok {
				ve.Add(model.FieldDueBy, "This is not a date; pick it from the calendar.")
			}
			// Promised during the contact: made on its day, yesterday's
			// call included.
			made := u.today()
			if !contact.At.IsZero() {
				made = model.Day(contact.At.In(time.Local))
			}
			pr = &model.Promise{ClientID: clientID, What: promise.Text, MadeOn: made, DueBy: due, Status: model.PromiseOpen}
			pr.Normalize()
			ve.Merge(pr.Validate(u.today()))
		}
		return ve.Err()
	}
	// The contact and its promise are one action: saved both or neither.
	save := func(ctx context.Context) error {
		if err := u.storeContact().LogContact(ctx, &contact, pr); err != nil {
			return err
		}
		step = undoLog(u, name, &contact, pr)
		return nil
	}
	// Saved: Edit › Undo can take it back (set here, on the UI goroutine).
	finish := func() {
		u.remember(step)
		if done != nil {
			done()
		}
	}
	title := lang.L("Log a contact with {{.Name}}", map[string]any{"Name": name})
	newRecordDialog(u, title, fields, validate, save, nil, finish).show()
}

// editPromise adds or edits a promise to the client on the page.
func (p *clientPage) editPromise(orig *model.Promise) {
	if p.client == nil {
		return
	}
	pr := model.Promise{ClientID: p.client.ID, MadeOn: p.u.today(), DueBy: model.DefaultPromiseDue(p.u.today()), Status: model.PromiseOpen}
	if orig != nil {
		pr = *orig
	}
	what := newEntry()
	what.SetText(pr.What)
	what.SetPlaceHolder(lang.L("e.g. call when the new boots arrive"))
	due := dateEntry(pr.DueBy)
	statuses := model.PromiseStatuses
	names := make([]string, len(statuses))
	for i, s := range statuses {
		names[i] = promiseStatusText(s)
	}
	status := widget.NewSelect(names, nil)
	for i, s := range statuses {
		if s == pr.Status {
			status.SetSelectedIndex(i)
		}
	}
	fields := fieldSet{
		newFormField(model.FieldWhat, lang.L("I promised to")+" *", what),
		newFormField(model.FieldDueBy, lang.L("By")+" *", due),
		newFormField(model.FieldStatus, lang.L("Status"), status),
	}
	validate := func() error {
		ve := &model.ValidationError{}
		var ok bool
		if pr.DueBy, ok = dateOf(due); !ok {
			ve.Add(model.FieldDueBy, "This is not a date; pick it from the calendar.")
		}
		pr.What = what.Text
		if i := status.SelectedIndex(); i >= 0 {
			pr.Status = statuses[i]
		}
		if pr.Status == model.PromiseKept && pr.KeptOn.IsZero() {
			pr.KeptOn = p.u.today()
		}
		if pr.Status != model.PromiseKept {
			pr.KeptOn = time.Time{}
		}
		pr.Normalize()
		ve.Merge(pr.Validate(p.u.today()))
		return ve.Err()
	}
	save := func(ctx context.Context) error {
		if pr.ID == 0 {
			return p.u.storeContact().CreatePromise(ctx, &pr)
		}
		return p.u.storeContact().UpdatePromise(ctx, &pr)
	}
	title := lang.L("Promise an update to {{.Name}}", map[string]any{"Name": p.client.Name})
	var onDelete func()
	if orig != nil {
		title = lang.L("Edit promise")
		onDelete = func() { p.deletePromise(*orig) }
	}
	newRecordDialog(p.u, title, fields, validate, save, onDelete, p.contactsChanged).show()
}

// editComplaint records a complaint, or updates one (e.g. to resolve it).
func (p *clientPage) editComplaint(orig *model.Complaint) {
	if p.client == nil {
		return
	}
	c := model.Complaint{ClientID: p.client.ID, OpenedOn: p.u.today(), Status: model.ComplaintOpen}
	if orig != nil {
		c = *orig
	}
	what := newMultiLineEntry()
	what.SetText(c.What)
	what.SetPlaceHolder(lang.L("What went wrong, in the client's words"))
	what.SetMinRowsVisible(2)
	opened := dateEntry(c.OpenedOn)
	options := newMultiLineEntry()
	options.SetText(strings.Join(c.Options, "\n"))
	options.SetPlaceHolder(lang.L("One option per line: a refund, an exchange, a repair…"))
	options.SetMinRowsVisible(2)
	apologised := widget.NewCheck(lang.L("I apologised and said what I will change"), nil)
	apologised.SetChecked(c.Apologised)
	resolved := widget.NewCheck(lang.L("Resolved"), nil)
	resolved.SetChecked(c.Status == model.ComplaintResolved)
	resolution := newEntry()
	resolution.SetText(c.Resolution)
	resolution.SetPlaceHolder(lang.L("How it was put right"))
	fields := fieldSet{
		newFormField(model.FieldWhat, lang.L("What went wrong")+" *", what),
		newFormField(model.FieldOpenedOn, lang.L("On"), opened),
		newFormField(model.FieldOptions, lang.L("Options offered"), options),
		newFormField("apologised", "", apologised),
		newFormField(model.FieldStatus, "", resolved),
		newFormField(model.FieldResolution, lang.L("Resolution"), resolution),
	}
	validate := func() error {
		ve := &model.ValidationError{}
		var ok bool
		if c.OpenedOn, ok = dateOf(opened); !ok {
			ve.Add(model.FieldOpenedOn, "This is not a date; pick it from the calendar.")
		}
		c.What, c.Options, c.Apologised, c.Resolution = what.Text, splitLines(options.Text), apologised.Checked, resolution.Text
		c.Status = model.ComplaintOpen
		c.ResolvedOn = time.Time{}
		if resolved.Checked {
			c.Status, c.ResolvedOn = model.ComplaintResolved, p.u.today()
			if orig != nil && !orig.ResolvedOn.IsZero() {
				c.ResolvedOn = orig.ResolvedOn
			}
		}
		c.Normalize()
		ve.Merge(c.Validate(p.u.today()))
		return ve.Err()
	}
	save := func(ctx context.Context) error {
		if c.ID == 0 {
			return p.u.storeContact().CreateComplaint(ctx, &c)
		}
		return p.u.storeContact().UpdateComplaint(ctx, &c)
	}
	title := lang.L("Record a complaint from {{.Name}}", map[string]any{"Name": p.client.Name})
	var onDelete func()
	if orig != nil {
		title = lang.L("Edit complaint")
		onDelete = func() { p.deleteComplaint(*orig) }
	}
	newRecordDialog(p.u, title, fields, validate, save, onDelete, p.contactsChanged).show()
}

// markLost records why the client left (or, from a lost client, undoes it).
func (p *clientPage) markLost() {
	if p.client == nil {
		return
	}
	names := make([]string, len(model.LostReasons))
	for i, r := range model.LostReasons {
		names[i] = lang.L(r.Label())
	}
	reason := widget.NewRadioGroup(names, nil)
	text := newEntry()
	text.SetPlaceHolder(lang.L("What happened, in a few words"))
	on := dateEntry(p.u.today())
	fields := fieldSet{
		newFormField(model.FieldLostReason, lang.L("Why they left"), reason),
		newFormField(model.FieldLostText, lang.L("Details"), text),
		newFormField(model.FieldLostOn, lang.L("When"), on),
	}
	var l model.Lost
	validate := func() error {
		l = model.Lost{Text: strings.TrimSpace(text.Text)}
		for i, n := range names {
			if reason.Selected == n {
				l.Reason = model.LostReasons[i]
			}
		}
		ve := &model.ValidationError{}
		var ok bool
		if l.On, ok = dateOf(on); !ok {
			ve.Add(model.FieldLostOn, "This is not a date; pick it from the calendar.")
		}
		if l.Reason == "" {
			ve.Add(model.FieldLostReason, "Choose why the client left; it tells you what to change.")
		} else {
			ve.Merge(l.Validate(p.u.today()))
		}
		return ve.Err()
	}
	id := p.client.ID
	save := func(ctx context.Context) error { return p.u.storeContact().MarkLost(ctx, id, l) }
	title := lang.L("{{.Name}} stopped buying", map[string]any{"Name": p.client.Name})
	newRecordDialog(p.u, title, fields, validate, save, nil, p.contactsChanged).show()
}

// undoLost makes a lost client a client again.
func (p *clientPage) undoLost() {
	id := p.client.ID
	p.u.run(func(ctx context.Context) error { return p.u.storeContact().MarkLost(ctx, id, model.Lost{}) }, func(err error) {
		if err != nil {
			p.u.showError(lang.L("Could not change the client; nothing was changed."), err)
			return
		}
		p.contactsChanged()
	})
}

// contactsChanged redraws the client and the due list after a contact,
// promise, complaint or loss was recorded.
func (p *clientPage) contactsChanged() { p.reloadCurrent() }

// splitLines returns the non-empty lines of s, trimmed: one option a line,
// so an option may itself hold a comma.
func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// contactStore is what logging a contact, a promise, a complaint or a loss writes.
type contactStore interface {
	CreateComplaint(ctx context.Context, c *model.Complaint) error
	CreatePromise(ctx context.Context, p *model.Promise) error
	LogContact(ctx context.Context, i *model.Interaction, promise *model.Promise) error // both or neither
	MarkLost(ctx context.Context, clientID int64, l model.Lost) error
	UpdateComplaint(ctx context.Context, c *model.Complaint) error
	UpdatePromise(ctx context.Context, p *model.Promise) error
}

// storeContact is the window's store as contactStore: what this file may call.
func (u *UI) storeContact() contactStore { return u.store }
