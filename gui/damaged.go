package gui

import (
	"context"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// damagedView is the dialog ShowDamaged opens.
type damagedView struct {
	u       *UI
	dlg     dialog.Dialog
	latest  *model.BackupInfo
	restore *widget.Button // nil when there is no backup copy
	keep    *widget.Button
}

// ShowDamaged says that the check run as the book opened found damage
// (problems, in SQLite's words) and offers to restore the newest backup
// copy, through the same confirmation as File › Restore from backup…. main
// runs that check once the window is shown, so that a large book opens at
// once; a book too damaged to open at all gets ShowRecovery instead. Call
// it on the UI goroutine.
func (u *UI) ShowDamaged(problems []string) {
	u.openDamaged(problems)
}

// openDamaged reads the backups and shows the dialog; it returns the view
// for tests.
func (u *UI) openDamaged(problems []string) *damagedView {
	v := &damagedView{u: u}
	var backups []model.BackupInfo
	u.run(func(ctx context.Context) (err error) {
		backups, err = u.storeDamaged().Backups(ctx)
		return err
	}, func(err error) {
		if err != nil {
			fyne.LogError("list backups", err) // the dialog still says the book is damaged
		}
		if len(backups) > 0 {
			latest := slices.MaxFunc(backups, func(a, b model.BackupInfo) int { return a.Day.Compare(b.Day) })
			v.latest = &latest
		}
		v.show(problems)
	})
	return v
}

func (v *damagedView) show(problems []string) {
	path := v.u.storeDamaged().Path()
	msg := widget.NewLabel(lang.L("Client Tracker checked {{.File}} (in {{.Folder}}) as it opened and found that it is damaged. This can happen after a power cut or a full disk.",
		map[string]any{"File": filepath.Base(path), "Folder": filepath.Dir(path)}))
	msg.Wrapping = fyne.TextWrapWord
	found := widget.NewLabel(strings.Join(problems[:min(recoveryShown, len(problems))], "\n"))
	found.Wrapping = fyne.TextWrapBreak
	found.TextStyle.Monospace = true
	advice := widget.NewLabel(lang.L("There is no backup copy to restore. Quit, keep a copy of the file, and ask someone who knows computers to look at it."))
	advice.Wrapping = fyne.TextWrapWord

	v.keep = widget.NewButton(lang.L("Keep working"), func() { v.dlg.Hide() })
	buttons := []fyne.CanvasObject{v.keep}
	if v.latest != nil {
		date := formatDate(v.latest.Day)
		advice.SetText(lang.L("Restore the latest backup copy to go on working: the damaged file is kept next to it. Changes made after {{.Date}} are not in the backup.",
			map[string]any{"Date": date}))
		v.restore = widget.NewButtonWithIcon(lang.L("Restore the backup of {{.Date}}", map[string]any{"Date": date}), theme.HistoryIcon(), v.onRestore)
		v.restore.Importance = widget.HighImportance
		buttons = append(buttons, v.restore)
	}
	v.dlg = dialog.NewCustomWithoutButtons(lang.L("The client book is damaged"),
		container.NewVBox(msg, found, advice), v.u.win)
	v.dlg.(*dialog.CustomDialog).SetButtons(buttons)
	v.dlg.Resize(fyne.NewSize(min(620, v.u.win.Canvas().Size().Width-40), 0))
	v.dlg.Show()
}

// onRestore asks to restore the newest backup, as the restore list does.
func (v *damagedView) onRestore() {
	v.dlg.Hide()
	r := &restoreView{u: v.u, chosen: -1}
	r.confirm(v.latest.Path, lang.L("the backup of {{.Date}}", map[string]any{"Date": formatDate(v.latest.Day)}))
}

// damagedStore is what the damaged-book dialog needs.
type damagedStore interface {
	// Backups lists the backup copies in the backups folder, newest first.
	Backups(ctx context.Context) ([]model.BackupInfo, error)
	Path() string
}

// storeDamaged is the window's store as damagedStore: what this file may call.
func (u *UI) storeDamaged() damagedStore { return u.store }
