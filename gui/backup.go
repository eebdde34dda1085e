package gui

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// Backups, restoring one, and noticing that another program changed or
// holds the database.

// backupNow makes a backup copy now and says where it is.
func (u *UI) backupNow() {
	var path string
	u.run(func(ctx context.Context) (err error) {
		path, err = u.storeBackup().BackupNow(ctx)
		return err
	}, func(err error) {
		if err != nil {
			u.showError(lang.L("Could not make a backup copy. Check that the disk is not full, then try again."), err)
			return
		}
		u.showPath(lang.L("Backup made"), lang.L("A copy of the client book was saved as:"), path)
	})
}

// showPath tells the owner about a file or folder, with its full path in
// text they can select and copy.
func (u *UI) showPath(title, msg, path string) {
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	where := widget.NewLabel(path)
	where.Wrapping = fyne.TextWrapBreak
	where.Selectable = true
	where.TextStyle.Bold = true
	d := dialog.NewCustom(title, lang.L("OK"), container.NewVBox(text, where), u.win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// restoreView is the list of backup copies to restore one from.
type restoreView struct {
	u       *UI
	backups []model.BackupInfo // newest first
	list    *widget.List
	chosen  int // index in backups, -1 for none
	restore *widget.Button
	other   *widget.Button
	dlg     dialog.Dialog
}

// showRestore lists the backups, newest first, to restore one from.
func (u *UI) showRestore() { u.openRestore() }

// openRestore reads the backups and shows the list; it returns the view for
// tests.
func (u *UI) openRestore() *restoreView {
	if u.refuseReadOnly() {
		return nil
	}
	v := &restoreView{u: u, chosen: -1}
	u.run(func(ctx context.Context) (err error) {
		v.backups, err = u.storeBackup().Backups(ctx)
		return err
	}, func(err error) {
		if err != nil {
			u.showError(lang.L("Could not list the backup copies."), err)
			return
		}
		slices.SortStableFunc(v.backups, func(a, b model.BackupInfo) int { return b.Day.Compare(a.Day) })
		v.show()
	})
	return v
}

func (v *restoreView) show() {
	v.list = widget.NewList(func() int { return len(v.backups) },
		func() fyne.CanvasObject { return newBackupRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			b := v.backups[id]
			row := o.(*backupRow)
			row.name.SetText(formatDate(b.Day) + " · " + filepath.Base(b.Path))
			row.size.SetText(formatSize(b.Size))
		})
	v.list.OnSelected = func(id widget.ListItemID) { v.chosen = id; v.restore.Enable() }
	v.restore = widget.NewButtonWithIcon(lang.L("Restore…"), theme.HistoryIcon(), v.onRestore)
	v.restore.Importance = widget.HighImportance
	v.restore.Disable()
	v.other = widget.NewButtonWithIcon(lang.L("Choose another file…"), theme.FolderOpenIcon(), v.onOther)

	var body fyne.CanvasObject = v.list
	if len(v.backups) == 0 {
		none := widget.NewLabel(lang.L("There are no backup copies in the backups folder yet. You can still choose a copy you saved elsewhere, for example on a USB stick."))
		none.Wrapping = fyne.TextWrapWord
		body = container.NewVBox(none)
	}
	hint := widget.NewLabel(lang.L("Choose the copy to go back to, newest first."))
	content := container.NewBorder(hint, container.NewHBox(v.other), nil, nil, body)
	v.dlg = dialog.NewCustomWithoutButtons(lang.L("Restore a backup"), content, v.u.win)
	v.dlg.(*dialog.CustomDialog).SetButtons([]fyne.CanvasObject{
		widget.NewButton(lang.L("Close"), v.dlg.Hide), v.restore,
	})
	v.dlg.Resize(fyne.NewSize(600, 440))
	v.dlg.Show()
}

// formatSize writes a file size for people to read.
func formatSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+1<<9)>>10)
	}
	return fmt.Sprintf("%d B", n)
}

func (v *restoreView) onRestore() {
	if v.chosen < 0 || v.chosen >= len(v.backups) {
		return
	}
	b := v.backups[v.chosen]
	v.confirm(b.Path, lang.L("the backup of {{.Date}}", map[string]any{"Date": formatDate(b.Day)}))
}

// onOther restores a copy kept somewhere else, e.g. on a USB stick.
func (v *restoreView) onOther() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			v.u.showError(lang.L("Could not open the file."), err)
			return
		}
		if r == nil {
			return
		}
		r.Close() // the store opens the file itself
		v.confirm(r.URI().Path(), r.URI().Name())
	}, v.u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db", ".sqlite", ".sqlite3", ".bak"}))
	d.Resize(fileDialogSize(v.u.win))
	d.Show()
}

// confirm says what restoring does and restores path once the owner agrees.
func (v *restoreView) confirm(path, what string) {
	msg := widget.NewLabel(lang.L("Restore {{.What}}?\n\nThe current book is first kept as a copy next to it, so nothing is lost. The window will then show the backup's data: changes made since the backup will not be in it.",
		map[string]any{"What": what}))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.L("Restore a backup"), lang.L("Restore"), lang.L("Cancel"), msg, func(ok bool) {
		if ok {
			v.doRestore(path)
		}
	}, v.u.win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

func (v *restoreView) doRestore(path string) {
	u := v.u
	var kept string
	var settings model.Settings
	u.run(func(ctx context.Context) (err error) {
		if kept, err = u.storeBackup().RestoreBackup(ctx, path); err != nil {
			return err
		}
		settings, err = u.storeBackup().Settings(ctx)
		return err
	}, func(err error) {
		if err != nil {
			u.showError(lang.L("Could not restore the backup. The client book was not changed."), err)
			return
		}
		if v.dlg != nil {
			v.dlg.Hide()
		}
		u.settings = settings
		u.refreshStart()
		u.changed(0)
		u.showPath(lang.L("Backup restored"), lang.L("The window now shows the backup's data. The book as it was before is kept as:"), kept)
	})
}

// refuseReadOnly tells the owner that this window cannot change the book,
// and reports whether it is so.
func (u *UI) refuseReadOnly() bool {
	if !u.storeBackup().ReadOnly() {
		return false
	}
	dialog.ShowInformation(lang.L("Read-only"),
		lang.L("This book is open in another Client Tracker window, so it cannot be changed here. Close the other window, then open the book again."), u.win)
	return true
}

// changeWatch remembers the data version last seen, to reload the views
// when another window or program changed the book.
type changeWatch struct {
	u    *UI
	seen int64
	ok   bool // seen was read
}

// watchChanges reads the views again whenever the window comes to the
// front and the database was changed meanwhile by another program, or the
// day has changed.
func (u *UI) watchChanges() {
	w := &changeWatch{u: u}
	w.check(false)
	u.app.Lifecycle().SetOnEnteredForeground(func() {
		u.checkDay()
		w.check(true)
	})
}

// check reads the data version and, if reload is set and it moved on,
// reloads the view on screen.
func (w *changeWatch) check(reload bool) {
	u := w.u
	var ver int64
	u.run(func(ctx context.Context) (err error) {
		ver, err = u.storeBackup().DataVersion(ctx)
		return err
	}, func(err error) {
		if err != nil {
			fyne.LogError("read data version", err)
			return
		}
		changed := w.ok && ver != w.seen
		w.seen, w.ok = ver, true
		if changed && reload {
			u.reloadShown()
		}
	})
}

// reloadShown reads the view on screen again from the store.
func (u *UI) reloadShown() {
	switch u.view {
	case u.welcome.content:
		u.refreshStart() // clients may have arrived from elsewhere
	case u.tabs:
		u.changed(0)
	}
}

// readOnlyBanner is the strip at the top of the window that says the book
// cannot be changed here; nil when it can.
func (u *UI) readOnlyBanner() fyne.CanvasObject {
	if !u.storeBackup().ReadOnly() {
		return nil
	}
	// The text and icon in the colour the theme gives for text on its
	// warning colour, so the strip reads in light and dark.
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameWarning))
	msg := lang.L("Read-only: this book is open in another window. Changes cannot be saved here.")
	if u.opts.ReadOnlyFile {
		msg = lang.L("Read-only: this book's file cannot be written. Changes cannot be saved here.")
	}
	text := canvas.NewText(msg, theme.Color(theme.ColorNameForegroundOnWarning))
	text.TextStyle.Bold = true
	icon := widget.NewIcon(theme.NewColoredResource(theme.WarningIcon(), theme.ColorNameForegroundOnWarning))
	return container.NewStack(bg, container.NewPadded(container.NewBorder(nil, nil, icon, nil, text)))
}

// backupRow is one line of the list of backups: the day and file, and on
// the right the size.
type backupRow struct {
	widget.BaseWidget
	name, size *widget.Label
}

func newBackupRow() *backupRow {
	r := &backupRow{name: boldLabel(""), size: widget.NewLabel("")}
	r.ExtendBaseWidget(r)
	return r
}

func (r *backupRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, r.size, r.name))
}

// backupStore is what backups, restores and noticing another window's changes need.
type backupStore interface {
	// BackupNow makes a backup copy in the backups folder now, even if
	// one was made today, and returns its path.
	BackupNow(ctx context.Context) (string, error)
	// Backups lists the backup copies in the backups folder, newest first.
	Backups(ctx context.Context) ([]model.BackupInfo, error)
	// DataVersion changes whenever the database was changed by another
	// connection or program; the window compares it on focus and reloads.
	DataVersion(ctx context.Context) (int64, error)
	// ReadOnly reports whether the store was opened read-only (another
	// window is editing the file); every write then fails.
	ReadOnly() bool
	// RestoreBackup checks the backup, keeps a copy of the current
	// database (returned), and swaps the backup in; the store stays open
	// on the restored data.
	RestoreBackup(ctx context.Context, backup string) (kept string, err error)
	Settings(ctx context.Context) (model.Settings, error)
}

// storeBackup is the window's store as backupStore: what this file may call.
func (u *UI) storeBackup() backupStore { return u.store }
