package gui

import (
	"context"
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

// openContact shows a logged contact in full (a timeline row is cut to one
// line), with Edit to correct it and Delete for one logged by mistake.
func (p *clientPage) openContact(c model.Interaction) {
	at := c.At.In(time.Local)
	grid := container.New(layout.NewFormLayout())
	add := func(label, text string) {
		if text == "" {
			return
		}
		v := widget.NewLabel(text)
		v.Wrapping = fyne.TextWrapWord
		grid.Add(boldLabel(label))
		grid.Add(v)
	}
	add(lang.L("When"), formatDate(model.Day(at))+" "+at.Format("15:04"))
	add(lang.L("How"), lang.L(c.Channel.Label()))
	add(lang.L("Summary"), joinNonEmpty(" · ", p.keptText(&c), c.Summary))
	if c.Feedback != model.FeedbackNone {
		add(lang.L("Feedback"), lang.L(c.Feedback.Label()))
	}
	add(lang.L("They said"), c.FeedbackText)

	var d dialog.Dialog
	del := widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), func() {
		d.Hide()
		p.deleteContact(c)
	})
	del.Importance = widget.DangerImportance
	edit := widget.NewButtonWithIcon(lang.L("Edit"), theme.DocumentCreateIcon(), func() {
		d.Hide()
		p.editContact(c)
	})
	// Wrapped labels measure their height at the width they have: lay the
	// grid out at the dialog's width first, or it asks for a word a line.
	const width = 460
	grid.Resize(fyne.NewSize(width, grid.MinSize().Height))
	body := container.NewBorder(nil, container.NewHBox(edit, del), nil, nil, container.NewGridWrap(fyne.NewSize(width, grid.MinSize().Height), grid))
	d = dialog.NewCustom(lang.L("Contact"), lang.L("Close"), body, p.u.win)
	d.Show()
}

// deleteContact asks, then deletes a logged contact; the client's
// check-in clock goes back to the contact before it.
func (p *clientPage) deleteContact(c model.Interaction) {
	confirm := dialog.NewConfirm(lang.L("Delete this contact?"),
		lang.L("The check-in clock goes back to the contact before it."), func(ok bool) {
			if !ok {
				return
			}
			id, name := c.ID, p.client.Name
			p.u.run(func(ctx context.Context) error { return p.u.storeContactEdit().DeleteInteraction(ctx, id) }, func(err error) {
				if err != nil {
					p.u.showError(lang.L("Could not delete the contact; nothing was changed."), err)
					return
				}
				p.u.remember(undoDeleteContact(p.u, name, c))
				p.contactsChanged()
			})
		}, p.u.win)
	confirm.SetConfirmText(lang.L("Delete"))
	confirm.SetDismissText(lang.L("Cancel"))
	confirm.Show()
}

// contactEditStore is what an opened contact changes.
type contactEditStore interface {
	DeleteInteraction(ctx context.Context, id int64) error
}

// storeContactEdit is the window's store as contactEditStore: what this file may call.
func (u *UI) storeContactEdit() contactEditStore { return u.store }
