package gui

import (
	"context"
	"errors"
	"strconv"
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

// recordDialog is a small form in a dialog that stays open until what was
// typed is saved, shows each problem next to its field, and offers Delete
// when it edits an existing record.
type recordDialog struct {
	u      *UI
	d      *dialog.CustomDialog
	fields fieldSet
	save   *widget.Button
	busy   bool
	popup  fyne.CanvasObject // the overlay that shows d, for Esc and Enter

	form, buttons fyne.CanvasObject // laid out by body (dialog_fit.go)
	scroll        *container.Scroll
}

// newRecordDialog builds the dialog; save runs off the UI goroutine and
// returns the store's error; onDelete is nil for a new record.
func newRecordDialog(u *UI, title string, fields fieldSet, validate func() error, save func(ctx context.Context) error,
	onDelete func(), done func()) *recordDialog {
	r := &recordDialog{u: u, fields: fields}
	cancel := widget.NewButton(lang.L("Cancel"), func() { r.d.Hide() })
	r.save = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), func() { r.onSave(validate, save, done) })
	r.save.Importance = widget.HighImportance
	buttons := container.NewHBox(layout.NewSpacer(), cancel, r.save)
	if onDelete != nil {
		del := widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), func() { r.d.Hide(); onDelete() })
		del.Importance = widget.DangerImportance
		buttons.Objects = append([]fyne.CanvasObject{del}, buttons.Objects...)
	}
	for _, f := range fields {
		if e, ok := f.input.(*textEntry); ok && !e.MultiLine {
			e.OnSubmitted = func(string) { r.onSave(validate, save, done) }
		}
	}
	r.d = dialog.NewCustomWithoutButtons(title, r.body(buttons), u.win)
	r.fit()
	r.watch(validate)
	return r
}

func (r *recordDialog) show() {
	r.u.dialog = r
	r.d.SetOnClosed(func() {
		if r.u.dialog == r {
			r.u.dialog = nil
		}
	})
	r.d.Show()
	r.popup = r.u.win.Canvas().Overlays().Top()
	// A text field takes the cursor so the owner can type at once. Any
	// other input (a choice) is left unfocused, so that Enter saves and
	// Esc closes straight away: Fyne gives keys to the focused input only.
	if len(r.fields) > 0 {
		switch e := r.fields[0].input.(type) {
		case *textEntry, *widget.SelectEntry, *dateField:
			r.u.win.Canvas().Focus(e.(fyne.Focusable))
		}
	}
}

func (r *recordDialog) onSave(validate func() error, save func(ctx context.Context) error, done func()) {
	if r.busy {
		return
	}
	if err := validate(); err != nil {
		r.showErrors(err)
		return
	}
	r.fields.showErrors(nil)
	r.fit()
	r.busy = true
	r.save.Disable()
	r.u.run(save, func(err error) {
		r.busy = false
		r.save.Enable()
		if err != nil {
			r.showErrors(err)
			return
		}
		r.d.Hide()
		done()
	})
}

func (r *recordDialog) showErrors(err error) {
	if _, ok := model.AsValidation(err); !ok {
		r.u.showError(lang.L("Could not save; nothing was changed. Try again, and if it keeps failing, restart the app."), err)
		return
	}
	rest := r.fields.showErrors(err)
	r.fit()
	if len(rest) > 0 {
		dialog.ShowInformation(lang.L("Check what you typed"), strings.Join(rest, "\n"), r.u.win)
	}
}

// editPreference opens the preference dialog; p is nil for a new one.
func (p *clientPage) editPreference(orig *model.Preference) {
	if p.client == nil {
		return
	}
	pr := model.Preference{ClientID: p.client.ID, Attitude: model.Likes, Category: model.PrefBrand}
	if orig != nil {
		pr = *orig
	}
	attitude := widget.NewRadioGroup([]string{lang.L("Likes"), lang.L("Dislikes")}, nil)
	attitude.Horizontal = true
	attitude.SetSelected(lang.L("Likes"))
	if pr.Attitude == model.Dislikes {
		attitude.SetSelected(lang.L("Dislikes"))
	}
	cats := make([]string, len(model.PrefCategories))
	for i, c := range model.PrefCategories {
		cats[i] = lang.L(c.Label())
	}
	category := widget.NewSelect(cats, nil)
	for i, c := range model.PrefCategories {
		if c == pr.Category {
			category.SetSelectedIndex(i)
		}
	}
	value := newEntry()
	value.SetText(pr.Value)
	value.SetPlaceHolder(lang.L("e.g. linen shirts, size M, navy, pays by card"))
	note := newEntry()
	note.SetText(pr.Note)
	fields := fieldSet{
		newFormField(model.FieldValue, lang.L("What"), value),
		newFormField(model.FieldCategory, lang.L("Kind"), category),
		newFormField(model.FieldAttitude, lang.L("The client"), attitude),
		newFormField(model.FieldNote, lang.L("Note"), note),
	}
	validate := func() error {
		pr.Attitude = model.Likes
		if attitude.Selected == lang.L("Dislikes") {
			pr.Attitude = model.Dislikes
		}
		pr.Category = model.PrefOther
		if i := category.SelectedIndex(); i >= 0 {
			pr.Category = model.PrefCategories[i]
		}
		pr.Value, pr.Note = value.Text, note.Text
		pr.Normalize()
		return pr.Validate()
	}
	save := func(ctx context.Context) error {
		if pr.ID == 0 {
			return p.u.storeRecord().CreatePreference(ctx, &pr)
		}
		return p.u.storeRecord().UpdatePreference(ctx, &pr)
	}
	var onDelete func()
	title := lang.L("Add a preference for {{.Name}}", map[string]any{"Name": p.client.Name})
	if orig != nil {
		title = lang.L("Edit preference")
		onDelete = func() {
			id := orig.ID
			p.u.run(func(ctx context.Context) error { return p.u.storeRecord().DeletePreference(ctx, id) }, func(err error) {
				if err != nil {
					p.u.showError(lang.L("Could not delete the preference; nothing was changed."), err)
				}
				p.reloadCurrent()
			})
		}
	}
	newRecordDialog(p.u, title, fields, validate, save, onDelete, p.reloadCurrent).show()
}

// editPurchase opens the purchase dialog; orig is nil for a new purchase.
func (p *clientPage) editPurchase(orig *model.Purchase) {
	if p.client == nil {
		return
	}
	// A new purchase gets the loyalty discount of the client's rung: the
	// more they buy, the bigger the discount.
	pu := model.Purchase{ClientID: p.client.ID, Date: p.u.today(), Discount: p.ladder.Discount(p.client.Stage)}
	if orig != nil {
		pu = *orig
	}
	mf := p.u.settings.Money
	f := newPurchaseForm(pu, mf)
	validate := func() error { return f.read(&pu, p.u.today(), mf) }
	save := func(ctx context.Context) error {
		if pu.ID == 0 {
			return p.u.storeRecord().CreatePurchase(ctx, &pu)
		}
		return p.u.storeRecord().UpdatePurchase(ctx, &pu)
	}
	var onDelete func()
	title := lang.L("Record a purchase by {{.Name}}", map[string]any{"Name": p.client.Name})
	if orig != nil {
		title = lang.L("Edit purchase")
		onDelete = func() {
			id := orig.ID
			p.u.run(func(ctx context.Context) error { return p.u.storeRecord().DeletePurchase(ctx, id) }, func(err error) {
				if err != nil {
					p.u.showError(lang.L("Could not delete the purchase; nothing was changed."), err)
				}
				p.reloadCurrent()
			})
		}
	}
	newRecordDialog(p.u, title, f.fields, validate, save, onDelete, p.reloadCurrent).show()
}

// purchaseForm is the fields of the purchase dialog.
type purchaseForm struct {
	date, due                                      *dateField
	item, category, amount, unpaid, discount, note *textEntry
	fields                                         fieldSet
}

// newPurchaseForm makes the purchase dialog's fields, filled from pu, with
// amounts in the book's money format.
func newPurchaseForm(pu model.Purchase, mf model.MoneyFormat) *purchaseForm {
	text := func(s, placeholder string) *textEntry {
		e := newEntry()
		e.SetText(s)
		e.SetPlaceHolder(placeholder)
		return e
	}
	money := func(m model.Money) *textEntry {
		e := text("", mf.Number(0))
		if m != 0 {
			e.SetText(mf.Number(m))
		}
		return e
	}
	f := &purchaseForm{
		date:     dateEntry(pu.Date),
		due:      dateEntry(pu.DueDate),
		item:     text(pu.Item, lang.L("e.g. winter boots")),
		category: text(pu.Category, lang.L("optional, e.g. shoes")),
		amount:   money(pu.Amount),
		unpaid:   money(pu.Unpaid),
		discount: text("", "0"),
		note:     text(pu.Note, ""),
	}
	if pu.Discount != 0 {
		f.discount.SetText(strconv.Itoa(pu.Discount))
	}
	f.fields = fieldSet{
		newFormField(model.FieldItem, lang.L("What was bought")+" *", f.item),
		newFormField(model.FieldDate, lang.L("Date")+" *", f.date),
		newFormField(model.FieldPurchaseCat, lang.L("Category"), f.category),
		newFormField(model.FieldAmount, lang.L("Amount")+currencySuffix(mf), f.amount),
		newFormField(model.FieldDiscount, lang.L("Discount %"), f.discount),
		newFormField(model.FieldUnpaid, lang.L("Still unpaid")+currencySuffix(mf), f.unpaid),
		newFormField(model.FieldDueDate, lang.L("Payment due by"), f.due),
		newFormField(model.FieldPurchaseNote, lang.L("Note"), f.note),
	}
	return f
}

// read puts what the fields say into pu and checks it as the store will:
// a *model.ValidationError names every field to fix.
func (f *purchaseForm) read(pu *model.Purchase, today time.Time, mf model.MoneyFormat) error {
	ve := &model.ValidationError{}
	var ok bool
	var err error
	if pu.Date, ok = dateOf(f.date); !ok {
		ve.Add(model.FieldDate, "This is not a date; pick it from the calendar.")
	}
	if pu.DueDate, ok = dateOf(f.due); !ok {
		ve.Add(model.FieldDueDate, "This is not a date; pick it from the calendar.")
	}
	if pu.Amount, err = model.ParseMoney(f.amount.Text, mf); err != nil {
		ve.Add(model.FieldAmount, moneyMessage(err))
	}
	if pu.Unpaid, err = model.ParseMoney(f.unpaid.Text, mf); err != nil {
		ve.Add(model.FieldUnpaid, moneyMessage(err))
	}
	if pu.Discount, ok = parsePercent(f.discount.Text); !ok {
		ve.Add(model.FieldDiscount, "Write the discount as a whole number of percent, e.g. 5, or leave it empty.")
	}
	pu.Item, pu.Category, pu.Note = f.item.Text, f.category.Text, f.note.Text
	pu.Normalize()
	if err := pu.Validate(today, mf.Max()); err != nil {
		v, _ := model.AsValidation(err)
		for _, fe := range v.Fields {
			if _, dup := ve.For(fe.Field); !dup {
				ve.Fields = append(ve.Fields, fe)
			}
		}
	}
	return ve.Err()
}

// parsePercent reads a whole percentage as typed, "5", "5 %" or empty (0).
func parsePercent(s string) (int, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if s == "" {
		return 0, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func currencySuffix(mf model.MoneyFormat) string {
	if mf.Symbol == "" {
		return ""
	}
	return " (" + mf.Symbol + ")"
}

// moneyMessage is the sentence for an amount ParseMoney refused.
func moneyMessage(err error) string {
	var me *model.MoneyError
	if errors.As(err, &me) {
		return me.Message()
	}
	return "Write the amount as a number, for example 12.50."
}

// recordStore is what the preference and purchase dialogs write.
type recordStore interface {
	CreatePreference(ctx context.Context, p *model.Preference) error
	CreatePurchase(ctx context.Context, p *model.Purchase) error
	DeletePreference(ctx context.Context, id int64) error
	DeletePurchase(ctx context.Context, id int64) error
	UpdatePreference(ctx context.Context, p *model.Preference) error
	UpdatePurchase(ctx context.Context, p *model.Purchase) error
}

// storeRecord is the window's store as recordStore: what this file may call.
func (u *UI) storeRecord() recordStore { return u.store }
