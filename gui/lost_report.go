package gui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// showLostReport compares why the owner's clients left with the study the
// product is built on: two in three customers leave for lack of contact.
func (u *UI) showLostReport() {
	var counts map[model.LostReason]int
	u.run(func(ctx context.Context) (err error) {
		counts, err = u.storeLost().LostCounts(ctx)
		return err
	}, func(err error) {
		if err != nil {
			u.showError(lang.L("Could not count the lost clients."), err)
			return
		}
		dialog.ShowCustom(lang.L("Why clients left"), lang.L("Close"), lostReport(model.LostReport(counts)), u.win)
	})
}

// lostReport draws one row per reason: the owner's count and share next to
// the study's share, each with a bar.
func lostReport(rows []model.LostShare) fyne.CanvasObject {
	total := 0
	for _, r := range rows {
		total += r.Count
	}
	if total == 0 {
		msg := widget.NewLabel(lang.L("No client is marked lost yet. When one stops buying, find out why and record it with \"Stopped buying…\" on their page."))
		msg.Wrapping = fyne.TextWrapWord
		// As tall as the sentence is at that width, in every language.
		msg.Resize(fyne.NewSize(440, 0))
		return container.NewGridWrap(fyne.NewSize(440, max(90, msg.MinSize().Height)), msg)
	}
	grid := container.New(layout.NewFormLayout())
	head := container.NewGridWithColumns(2, boldLabel(lang.L("Your clients")), boldLabel(lang.L("The study")))
	grid.Add(widget.NewLabel(""))
	grid.Add(head)
	for _, r := range rows {
		yours := widget.NewProgressBar()
		yours.Max = 100
		yours.SetValue(r.Percent)
		count := r.Count
		yours.TextFormatter = func() string { return fmt.Sprintf("%d (%.0f %%)", count, yours.Value) }
		study := widget.NewLabel("—")
		if r.StudyPercent > 0 {
			study.SetText(fmt.Sprintf("%.0f %%", r.StudyPercent))
		}
		grid.Add(widget.NewLabel(lang.L(r.Reason.Label())))
		grid.Add(container.NewGridWithColumns(2, yours, study))
	}
	note := widget.NewLabel(lang.L("Lost for lack of contact is the reason you can do most about: keep to the check-ins."))
	note.Wrapping = fyne.TextWrapWord
	return container.NewVBox(grid, note)
}

// lostStore is what the report of why clients left reads.
type lostStore interface {
	LostCounts(ctx context.Context) (map[model.LostReason]int, error)
}

// storeLost is the window's store as lostStore: what this file may call.
func (u *UI) storeLost() lostStore { return u.store }
