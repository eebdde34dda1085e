package gui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// undoStep is how to take back the owner's last action on the check-ins:
// a logged contact, a snooze or a kept promise. Mistakes happen with two
// clicks; Edit › Undo (Ctrl+Z) takes the last one back and says what it
// took back.
type undoStep struct {
	done     string // what was undone, for the note: "Undone: …"
	clientID int64
	undo     func(ctx context.Context) error
}

// remember makes step the one Edit › Undo takes back.
func (u *UI) remember(step *undoStep) { u.lastStep = step }

// onUndo takes back the last step, once.
func (u *UI) onUndo() {
	step := u.lastStep
	if step == nil || u.dialogOpen() {
		if step == nil && !u.dialogOpen() {
			u.showNote(lang.L("Nothing to undo."))
		}
		return
	}
	u.lastStep = nil
	u.run(step.undo, func(err error) {
		if err != nil {
			u.showError(lang.L("Could not undo; nothing was changed."), err)
			return
		}
		u.showNote(step.done)
		u.changed(step.clientID)
	})
}

// noteShown is how long a note stays.
const noteShown = 5 * time.Second

// showNote shows a short note under the check-ins, then clears it: a
// message that needs no answer must not cover the window.
func (u *UI) showNote(text string) {
	n := u.due.note
	n.SetText(text)
	n.Show()
	u.noteGen++
	gen := u.noteGen
	time.AfterFunc(noteShown, func() {
		fyne.Do(func() {
			if u.noteGen == gen {
				n.SetText("")
				n.Hide()
			}
		})
	})
}

// undoLog is the step that takes back a logged contact (and the promise
// made with it).
func undoLog(u *UI, name string, contact *model.Interaction, pr *model.Promise) *undoStep {
	id, clientID := contact.ID, contact.ClientID
	var promise *model.Promise
	if pr != nil {
		cp := *pr
		promise = &cp
	}
	return &undoStep{
		done:     lang.L("Undone: the contact with {{.Name}}.", map[string]any{"Name": name}),
		clientID: clientID,
		undo: func(ctx context.Context) error {
			if promise != nil && promise.ID != 0 {
				promise.Status = model.PromiseCancelled
				if err := u.store.UpdatePromise(ctx, promise); err != nil {
					return err
				}
			}
			return u.store.DeleteInteraction(ctx, id)
		},
	}
}

// undoKept is the step that reopens a promise marked kept and removes the
// contact that kept it.
func undoKept(u *UI, name string, promiseID int64, contact *model.Interaction) *undoStep {
	id, clientID := contact.ID, contact.ClientID
	return &undoStep{
		done:     lang.L("Undone: the kept promise to {{.Name}}.", map[string]any{"Name": name}),
		clientID: clientID,
		undo: func(ctx context.Context) error {
			ps, err := u.store.ListPromises(ctx, clientID)
			if err != nil {
				return err
			}
			for _, p := range ps {
				if p.ID == promiseID {
					p.Status, p.KeptOn = model.PromiseOpen, time.Time{}
					if err := u.store.UpdatePromise(ctx, &p); err != nil {
						return err
					}
				}
			}
			return u.store.DeleteInteraction(ctx, id)
		},
	}
}

// undoSnooze is the step that puts a client's snooze back to what it was.
func undoSnooze(u *UI, name string, clientID int64, was time.Time) *undoStep {
	return &undoStep{
		done:     lang.L("Undone: the snooze of {{.Name}}.", map[string]any{"Name": name}),
		clientID: clientID,
		undo:     func(ctx context.Context) error { return u.store.Snooze(ctx, clientID, was) },
	}
}

// newNote makes the label notes are shown in.
func newNote() *widget.Label {
	n := widget.NewLabel("")
	n.Importance = widget.SuccessImportance
	n.Wrapping = fyne.TextWrapWord
	n.Hide()
	return n
}
