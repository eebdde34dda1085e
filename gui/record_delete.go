package gui

import (
	"context"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"clienttracker/model"
)

// Correcting a client's timeline: a logged contact opens for edit, and a
// contact, promise or complaint recorded by mistake can be deleted, after
// a question; Edit › Undo puts a deleted one back.

// editContact corrects a logged contact: when, how, what was said.
func (p *clientPage) editContact(orig model.Interaction) {
	form := newContactForm(orig)
	c := orig
	validate := func() error {
		ve := &model.ValidationError{}
		form.read(&c, p.u.now(), ve)
		return ve.Err()
	}
	save := func(ctx context.Context) error { return p.u.storeRecordDelete().UpdateInteraction(ctx, &c) }
	newRecordDialog(p.u, lang.L("Edit contact"), form.fields(), validate, save,
		func() { p.deleteContact(orig) }, p.contactsChanged).show()
}

// confirmDelete asks whether to delete what title names, then runs del.
func (p *clientPage) confirmDelete(title, detail string, del func()) {
	confirm := dialog.NewConfirm(title, detail, func(ok bool) {
		if ok {
			del()
		}
	}, p.u.win)
	confirm.SetConfirmText(lang.L("Delete"))
	confirm.SetDismissText(lang.L("Cancel"))
	confirm.Show()
}

// deletePromise asks, then deletes a promise; Edit › Undo puts it back.
func (p *clientPage) deletePromise(pr model.Promise) {
	name := p.client.Name
	p.confirmDelete(lang.L("Delete this promise?"), lang.L("Edit › Undo puts it back."), func() {
		var d model.DeletedPromise
		p.u.run(func(ctx context.Context) (err error) {
			d, err = p.u.storeRecordDelete().DeletePromise(ctx, pr.ID)
			return err
		}, func(err error) {
			if err != nil {
				p.u.showError(lang.L("Could not delete the promise; nothing was changed."), err)
				return
			}
			p.u.remember(undoDeletePromise(p.u, name, d))
			p.contactsChanged()
		})
	})
}

// deleteComplaint asks, then deletes a complaint; Edit › Undo puts it back.
func (p *clientPage) deleteComplaint(c model.Complaint) {
	name := p.client.Name
	p.confirmDelete(lang.L("Delete this complaint?"), lang.L("Edit › Undo puts it back."), func() {
		var gone model.Complaint
		p.u.run(func(ctx context.Context) (err error) {
			gone, err = p.u.storeRecordDelete().DeleteComplaint(ctx, c.ID)
			return err
		}, func(err error) {
			if err != nil {
				p.u.showError(lang.L("Could not delete the complaint; nothing was changed."), err)
				return
			}
			p.u.remember(undoDeleteComplaint(p.u, name, gone))
			p.contactsChanged()
		})
	})
}

// recordDeleteStore is what deleting a promise or a complaint needs.
type recordDeleteStore interface {
	DeleteComplaint(ctx context.Context, id int64) (model.Complaint, error)
	DeletePromise(ctx context.Context, id int64) (model.DeletedPromise, error)
	UpdateInteraction(ctx context.Context, i *model.Interaction) error
}

// storeRecordDelete is the window's store as recordDeleteStore: what this file may call.
func (u *UI) storeRecordDelete() recordDeleteStore { return u.store }
