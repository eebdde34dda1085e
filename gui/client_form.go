package gui

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// languageChoices are offered for "speaks"; any other language can be typed.
var languageChoices = []string{"Armenian", "Georgian", "Romanian", "Russian", "English"}

// clientForm adds or edits one client.
type clientForm struct {
	u      *UI
	orig   *model.Client // nil for a new client
	onDone func(saved *model.Client)

	name, email, city, address, company, year, tags *textEntry
	phones, notes, checkIn                          *textEntry
	noContact                                       *widget.Check
	markVIP, markBlacklist, buysOnlyHere            *widget.Check // the ladder marks
	quietMonths                                     []*widget.Check
	busyFrom, busyTo                                *dateField
	channel, bday, bmonth                           *widget.Select
	language                                        *widget.SelectEntry
	since                                           *dateField
	referrer                                        *widget.Label
	referredBy                                      int64
	save, cancel                                    *widget.Button
	fields                                          fieldSet
	content                                         fyne.CanvasObject
	saving                                          bool
}

func newClientForm(u *UI, c *model.Client, onDone func(*model.Client)) *clientForm {
	f := &clientForm{u: u, orig: c, onDone: onDone}
	if c == nil {
		c = &model.Client{Since: u.today()}
	}
	f.addContactFields(c)
	f.addPersonFields(c)
	f.addLadderFields(c)
	quietBox := f.addScheduleFields(c)
	choose := widget.NewButton(lang.L("Choose…"), f.onChooseReferrer)
	clear := widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() { f.setReferrer(0, "") })

	f.fields = fieldSet{
		newFormField(model.FieldName, lang.L("Name")+" *", f.name),
		newFormField(model.FieldPhones, lang.L("Phones"), f.phones),
		newFormField(model.FieldEmail, lang.L("Email"), f.email),
		newFormField(model.FieldCity, lang.L("City"), f.city),
		newFormField(model.FieldAddress, lang.L("Address"), f.address),
		newFormField(model.FieldCompany, lang.L("Company"), f.company),
		newFormField(model.FieldChannel, lang.L("Prefers to be contacted by"), f.channel),
		newFormField(model.FieldSince, lang.L("Client since"), f.since),
		newFormField(model.FieldBirthday, lang.L("Birthday"), container.NewGridWithColumns(3, f.bday, f.bmonth, f.year)),
		newFormField(model.FieldLanguage, lang.L("Speaks"), f.language),
		newFormField(model.FieldReferredBy, lang.L("Referred by"), container.NewBorder(nil, nil, nil, container.NewHBox(choose, clear), f.referrer)),
		newFormField(model.FieldTags, lang.L("Tags"), f.tags),
		newFormField(model.FieldNotes, lang.L("Notes"), f.notes),
		newFormField("marks", lang.L("On the ladder"), container.NewVBox(f.markVIP, f.markBlacklist, f.buysOnlyHere)),
		newFormField(model.FieldCheckInDays, lang.L("Check in every (days)"), f.checkIn),
		newFormField("do_not_contact", "", wrappedCheck(f.noContact)),
		newFormField(model.FieldQuietMonths, lang.L("Busy months"), quietBox),
		newFormField(model.FieldQuietRanges, lang.L("Busy from / to"), container.NewGridWithColumns(2, f.busyFrom, f.busyTo)),
	}

	f.content = container.NewBorder(container.NewPadded(f.heading()), container.NewPadded(container.NewBorder(nil, nil, nil, f.buttons())), nil, nil,
		container.NewVScroll(container.NewPadded(f.fields.layout())))
	return f
}

// entry is a one-line field of the form: Enter saves.
func (f *clientForm) entry(text, placeholder string) *textEntry {
	e := newEntry()
	e.SetText(text)
	e.SetPlaceHolder(placeholder)
	e.OnSubmitted = func(string) { f.onSave() }
	return e
}

// addContactFields makes the fields of how to reach the client.
func (f *clientForm) addContactFields(c *model.Client) {
	entry := f.entry
	f.name = entry(c.Name, lang.L("First and last name, as the client writes it"))
	f.phones = newMultiLineEntry()
	f.phones.SetText(strings.Join(c.Phones, "\n"))
	f.phones.SetPlaceHolder(lang.L("One number per line, e.g. +374 10 12-34-56"))
	f.phones.SetMinRowsVisible(2)
	f.email = entry(c.Email, "name@example.com")
	f.city = entry(c.City, "")
	f.address = entry(c.Address, "")
	f.company = entry(c.Company, "")

	channels := []string{lang.L(model.ChannelNone.Label())}
	for _, ch := range model.Channels {
		channels = append(channels, lang.L(ch.Label()))
	}
	f.channel = widget.NewSelect(channels, nil)
	f.channel.SetSelectedIndex(0)
	for i, ch := range model.Channels {
		if ch == c.Channel {
			f.channel.SetSelectedIndex(i + 1)
		}
	}

}

// addPersonFields makes the fields of who the client is: since when,
// birthday, language, who referred them, tags and notes.
func (f *clientForm) addPersonFields(c *model.Client) {
	entry := f.entry
	f.since = dateEntry(c.Since)

	days := []string{"—"}
	for d := 1; d <= 31; d++ {
		days = append(days, strconv.Itoa(d))
	}
	months := []string{"—"}
	for m := time.January; m <= time.December; m++ {
		months = append(months, lang.L(m.String()))
	}
	f.bday = widget.NewSelect(days, nil)
	f.bday.SetSelectedIndex(c.Birthday.Day)
	f.bmonth = widget.NewSelect(months, nil)
	f.bmonth.SetSelectedIndex(int(c.Birthday.Month))
	f.year = entry("", lang.L("year (optional)"))
	if c.Birthday.Year != 0 {
		f.year.SetText(strconv.Itoa(c.Birthday.Year))
	}

	f.language = widget.NewSelectEntry(languageChoices)
	f.language.SetText(c.Language)

	f.referredBy = c.ReferredBy
	f.referrer = widget.NewLabel(c.ReferredByName)
	f.tags = entry(strings.Join(c.Tags, ", "), lang.L("e.g. wholesale, wedding"))
	f.notes = newMultiLineEntry()
	f.notes.SetText(c.Notes)
	f.notes.Wrapping = fyne.TextWrapWord
	f.notes.SetMinRowsVisible(3)

}

// addLadderFields makes the marks the ladder rules cannot see in the
// history.
func (f *clientForm) addLadderFields(c *model.Client) {
	f.markVIP = widget.NewCheck(lang.L("VIP (whatever they spend)"), nil)
	f.markVIP.SetChecked(c.Marks.VIP)
	f.markBlacklist = widget.NewCheck(lang.L("Black list"), nil)
	f.markBlacklist.SetChecked(c.Marks.Blacklist)
	f.buysOnlyHere = widget.NewCheck(lang.L("Buys only from me"), nil)
	f.buysOnlyHere.SetChecked(c.Marks.BuysOnlyHere)

}

// addScheduleFields makes the client's own contact schedule, and returns
// the box of busy months.
func (f *clientForm) addScheduleFields(c *model.Client) *fyne.Container {
	entry := f.entry
	f.checkIn = entry("", lang.L("empty: as usual for their rung"))
	if c.Plan.CheckInDays > 0 {
		f.checkIn.SetText(strconv.Itoa(c.Plan.CheckInDays))
	}
	f.noContact = widget.NewCheck(lang.L("Do not contact (they asked not to be called)"), nil)
	f.noContact.SetChecked(c.Plan.DoNotContact)
	var monthNames []string
	for m := time.January; m <= time.December; m++ {
		monthNames = append(monthNames, lang.L(m.String()[:3]))
	}
	// Twelve checks in three rows: one row of twelve, or two of six,
	// would widen the form past the window in Armenian and Georgian.
	quietBox := container.NewGridWithColumns(4)
	f.quietMonths = make([]*widget.Check, 12)
	for i, name := range monthNames {
		f.quietMonths[i] = widget.NewCheck(name, nil)
		quietBox.Add(f.quietMonths[i])
	}
	for _, m := range c.Plan.QuietMonths {
		f.quietMonths[m-1].SetChecked(true)
	}
	var busy model.DateRange
	if len(c.Plan.QuietRanges) > 0 {
		busy = c.Plan.QuietRanges[0]
	}
	f.busyFrom, f.busyTo = dateEntry(busy.From), dateEntry(busy.To)

	return quietBox
}

// heading names the form: a new client, or the one edited.
func (f *clientForm) heading() *widget.Label {
	title := lang.L("New client")
	if f.orig != nil {
		title = lang.L("Edit {{.Name}}", map[string]any{"Name": f.orig.Name})
	}
	heading := boldLabel(title)
	heading.SizeName = theme.SizeNameSubHeadingText
	heading.Truncation = fyne.TextTruncateEllipsis

	return heading
}

// buttons are Cancel and Save.
func (f *clientForm) buttons() *fyne.Container {
	f.save = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), f.onSave)
	f.save.Importance = widget.HighImportance
	f.cancel = widget.NewButton(lang.L("Cancel"), func() { f.onDone(nil) })
	buttons := container.NewHBox(f.cancel, f.save)

	return buttons
}

func (f *clientForm) setReferrer(id int64, name string) {
	f.referredBy = id
	f.referrer.SetText(name)
}

// read builds the client from the inputs. Problems the model cannot see
// (text that is not a date or a year) come back as a validation error.
func (f *clientForm) read() (*model.Client, error) {
	c := &model.Client{}
	if f.orig != nil {
		*c = *f.orig
	}
	ve := &model.ValidationError{}
	c.Name = f.name.Text
	c.Phones = model.SplitList(f.phones.Text)
	c.Email = f.email.Text
	c.City = f.city.Text
	c.Address = f.address.Text
	c.Company = f.company.Text
	c.Channel = model.ChannelNone
	if i := f.channel.SelectedIndex(); i > 0 {
		c.Channel = model.Channels[i-1]
	}
	since, ok := dateOf(f.since)
	if !ok {
		ve.Add(model.FieldSince, "This is not a date; pick it from the calendar.")
	}
	c.Since = since
	c.Birthday = model.Birthday{Day: max(f.bday.SelectedIndex(), 0), Month: time.Month(max(f.bmonth.SelectedIndex(), 0))}
	if y := strings.TrimSpace(f.year.Text); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil {
			ve.Add(model.FieldBirthday, "Write the birth year as four digits, or leave it empty.")
		}
		c.Birthday.Year = n
	}
	if c.Birthday.Year != 0 && (c.Birthday.Day == 0 || c.Birthday.Month == 0) {
		ve.Add(model.FieldBirthday, "Choose the day and month of the birthday too.")
	}
	c.Language = f.language.Text
	c.ReferredBy = f.referredBy
	c.ReferredByName = f.referrer.Text
	c.Tags = model.SplitList(f.tags.Text)
	c.Notes = f.notes.Text
	c.Marks = model.Marks{VIP: f.markVIP.Checked, Blacklist: f.markBlacklist.Checked, BuysOnlyHere: f.buysOnlyHere.Checked}
	f.readPlan(c, ve)
	c.Normalize()
	ve.Merge(c.Validate(f.u.today()))
	if len(ve.Fields) > 0 {
		return nil, ve
	}
	return c, nil
}

func (f *clientForm) onSave() {
	if f.saving {
		return
	}
	c, err := f.read()
	if err != nil {
		f.showErrors(err)
		return
	}
	f.fields.showErrors(nil)
	f.saving = true
	f.save.Disable()
	f.u.run(func(ctx context.Context) error {
		if c.ID == 0 {
			return f.u.storeClientForm().CreateClient(ctx, c)
		}
		return f.u.storeClientForm().UpdateClient(ctx, c)
	}, func(err error) {
		f.saving = false
		f.save.Enable()
		if err != nil {
			f.showErrors(err)
			return
		}
		f.onDone(c)
	})
}

// showErrors puts validation messages next to their fields; any other error
// gets a dialog, and the form keeps what the owner typed.
func (f *clientForm) showErrors(err error) {
	if _, ok := model.AsValidation(err); !ok {
		f.u.showError(lang.L("Could not save the client; nothing was changed. Try again, and if it keeps failing, restart the app."), err)
		return
	}
	if rest := f.fields.showErrors(err); len(rest) > 0 {
		dialog.ShowInformation(lang.L("Check the client"), strings.Join(rest, "\n"), f.u.win)
	}
	for _, fld := range f.fields {
		if fld.err.Visible() {
			if e, ok := fld.input.(fyne.Focusable); ok {
				f.u.win.Canvas().Focus(e)
			}
			break
		}
	}
}

// onChooseReferrer lets the owner find the client who sent this one.
func (f *clientForm) onChooseReferrer() {
	pickClient(f.u, lang.L("Who referred this client?"), f.orig, func(c *model.Client) { f.setReferrer(c.ID, c.Name) })
}

// pickClient shows a searchable list of clients and calls onPick with the
// one chosen; exclude (may be nil) is left out.
func pickClient(u *UI, title string, exclude *model.Client, onPick func(*model.Client)) {
	var found []*model.Client
	search := newEntry()
	search.SetPlaceHolder(lang.L("Type a name or phone"))
	list := widget.NewList(func() int { return len(found) },
		func() fyne.CanvasObject { return newClientRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := found[i]
			detail := c.City
			if len(c.Phones) > 0 {
				detail = strings.Join(nonEmpty(c.Phones[0], c.City), " · ")
			}
			o.(*clientRow).set(c.Name, detail)
		})
	gen := 0
	query := func(s string) {
		gen++
		my := gen
		var rows []*model.Client
		u.run(func(ctx context.Context) (err error) {
			rows, _, err = u.storeClientForm().ListClients(ctx, model.ClientFilter{Search: s, Sort: model.SortName, Limit: 50})
			return err
		}, func(err error) {
			if my != gen {
				return
			}
			if err != nil {
				u.showError(lang.L("Could not read the client list."), err)
				return
			}
			found = found[:0]
			for _, c := range rows {
				if exclude == nil || c.ID != exclude.ID {
					found = append(found, c)
				}
			}
			list.Refresh()
		})
	}
	search.OnChanged = query
	d := dialog.NewCustom(title, lang.L("Cancel"), container.NewBorder(search, nil, nil, nil, list), u.win)
	list.OnSelected = func(i widget.ListItemID) {
		onPick(found[i])
		d.Hide()
	}
	d.Resize(fyne.NewSize(420, 460))
	d.Show()
	u.win.Canvas().Focus(search)
	query("")
}

// readPlan reads the contact schedule fields into c.Plan, keeping the
// snooze and any further busy periods the form does not show.
func (f *clientForm) readPlan(c *model.Client, ve *model.ValidationError) {
	p := c.Plan
	p.CheckInDays = 0
	if s := strings.TrimSpace(f.checkIn.Text); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			ve.Add(model.FieldCheckInDays, "Write the number of days between check-ins, e.g. 30, or leave it empty.")
		}
		p.CheckInDays = max(n, 0)
	}
	p.DoNotContact = f.noContact.Checked
	p.QuietMonths = nil
	for i, check := range f.quietMonths {
		if check.Checked {
			p.QuietMonths = append(p.QuietMonths, time.Month(i+1))
		}
	}
	from, okFrom := dateOf(f.busyFrom)
	to, okTo := dateOf(f.busyTo)
	var rest []model.DateRange
	if len(p.QuietRanges) > 1 {
		rest = p.QuietRanges[1:]
	}
	p.QuietRanges = nil
	switch {
	case !okFrom || !okTo:
		ve.Add(model.FieldQuietRanges, "This is not a date; pick it from the calendar.")
	case from.IsZero() && to.IsZero():
	default:
		p.QuietRanges = append(p.QuietRanges, model.DateRange{From: from, To: to})
	}
	p.QuietRanges = append(p.QuietRanges, rest...)
	p.Normalize()
	ve.Merge(p.Validate())
	c.Plan = p
}

// clientFormStore is what the client form saves through.
type clientFormStore interface {
	CreateClient(ctx context.Context, c *model.Client) error
	ListClients(ctx context.Context, f model.ClientFilter) ([]*model.Client, int, error)
	UpdateClient(ctx context.Context, c *model.Client) error
}

// storeClientForm is the window's store as clientFormStore: what this file may call.
func (u *UI) storeClientForm() clientFormStore { return u.store }
