package gui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"clienttracker/model"
)

// Undoing an import (File › Undo last import…, and the button at the end of
// an import): the book goes back to how it was just before the import, as
// long as nothing else has changed it since.

// showUndoImport says which import would be undone and asks before undoing
// it; it explains when there is none that can be.
func (u *UI) showUndoImport() {
	if u.refuseReadOnly() {
		return
	}
	var (
		last model.ImportUndo
		ok   bool
	)
	u.run(func(ctx context.Context) (err error) {
		last, ok, err = u.storeImportUndo().LastImport(ctx)
		return err
	}, func(err error) {
		switch {
		case err != nil:
			u.showError(lang.L("Could not read what the last import was."), err)
		case !ok && last.Source == "" && last.At.IsZero():
			dialog.ShowInformation(lang.L("Undo last import"), lang.L("There is no import to undo."), u.win)
		case !ok:
			dialog.ShowInformation(lang.L("Undo last import"), lang.L("The book has changed since the last import, so undoing it would also undo those changes. "+
				"To go back to before the import anyway, restore the backup made before it (File › Restore from backup…)."), u.win)
		default:
			u.confirmUndoImport(last)
		}
	})
}

// confirmUndoImport asks before undoing last.
func (u *UI) confirmUndoImport(last model.ImportUndo) {
	msg := lang.L("Undo the import of {{.Source}} made on {{.When}}? The {{.New}} clients it added are removed "+
		"and the {{.Updated}} it updated are put back as they were. Everything else stays as it is.",
		map[string]any{"Source": last.Source, "When": localDateTime(last.At), "New": model.GroupThousands(int64(last.Created)),
			"Updated": model.GroupThousands(int64(last.Updated))})
	d := dialog.NewConfirm(lang.L("Undo last import"), msg, func(yes bool) {
		if yes {
			u.undoImport()
		}
	}, u.win)
	d.SetConfirmText(lang.L("Undo the import"))
	d.Show()
}

// undoImport undoes the last import and shows the book as it is then.
func (u *UI) undoImport() {
	var last model.ImportUndo
	u.run(func(ctx context.Context) (err error) {
		last, _, err = u.storeImportUndo().UndoImport(ctx)
		return err
	}, func(err error) {
		switch {
		case errors.Is(err, model.ErrImportChanged):
			u.showError(lang.L("The book has changed since the last import, so it was not undone. Nothing was changed."), err)
			return
		case errors.Is(err, model.ErrNoImport):
			u.showError(lang.L("There is no import to undo."), err)
			return
		case err != nil:
			u.showError(lang.L("Could not undo the import. The book was left as it was."), err)
			return
		}
		u.refreshStart()
		u.changed(0)
		dialog.ShowInformation(lang.L("Import undone"), lang.L("The book is back as it was before the import of {{.Source}}.",
			map[string]any{"Source": last.Source}), u.win)
	})
}

// localDateTime is localDate with the local time of day, "6 Dec 2026 14:05".
func localDateTime(t time.Time) string {
	t = t.Local()
	return localDate(t) + " " + t.Format("15:04")
}

// importUndoStore is what undoing an import needs.
type importUndoStore interface {
	// LastImport returns the last import and whether it can still be
	// undone (nothing has changed the book since).
	LastImport(ctx context.Context) (model.ImportUndo, bool, error)
	// UndoImport puts the book back as it was before the last import,
	// keeping the book as it is now beside it (kept). It returns
	// model.ErrNoImport or model.ErrImportChanged when it cannot.
	UndoImport(ctx context.Context) (u model.ImportUndo, kept string, err error)
}

// storeImportUndo is the window's store as importUndoStore: what this file may call.
func (u *UI) storeImportUndo() importUndoStore { return u.store }
