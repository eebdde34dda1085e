package gui

import (
	"context"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// undoStep is how to take back the owner's last action on the check-ins:
// a logged contact, a snooze, a kept promise, a move on the ladder, or a
// contact, promise or complaint deleted. Mistakes happen with two clicks;
// Edit › Undo (Ctrl+Z) takes the last one back and says what it took back.
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
// message that needs no answer must not cover the window. Elsewhere (a
// client page, the ladder) the note shows as a toast at the bottom of the
// window, which neither takes the focus nor catches a click.
func (u *UI) showNote(text string) {
	n := u.due.note
	n.SetText(text)
	n.Show()
	onDue := u.tabs != nil && u.view == u.tabs && u.tabs.Selected() == u.dueTab
	if !onDue {
		u.toastLayer() // made once
		u.toast.show(text)
	}
	u.noteGen++
	gen := u.noteGen
	if u.opts.Inline {
		return // no UI goroutine to hand the timer back to: the note stays
	}
	time.AfterFunc(noteShown, func() {
		fyne.Do(func() {
			if u.noteGen == gen {
				n.SetText("")
				n.Hide()
				u.toast.hide()
			}
		})
	})
}

// toast is a note drawn over the bottom of the window. It is part of the
// window's content, not an overlay: an overlay would count as a dialog
// (dialogOpen) and swallow the next click.
type toast struct {
	bg   *canvas.Rectangle
	text *widget.Label
	box  *fyne.Container
}

// toastLayer returns the layer setContent puts over the view, with the
// window's one toast at its bottom.
func (u *UI) toastLayer() fyne.CanvasObject {
	if u.toast == nil {
		// One line: a wrapped label in a centred box would get no width.
		t := &toast{bg: canvas.NewRectangle(color.Transparent), text: widget.NewLabel("")}
		t.text.Importance = widget.SuccessImportance
		t.bg.CornerRadius = theme.InputRadiusSize()
		t.box = container.NewStack(t.bg, container.NewPadded(t.text))
		t.box.Hide()
		u.toast = t
	}
	return container.NewBorder(nil, container.NewPadded(container.NewCenter(u.toast.box)), nil, nil)
}

func (t *toast) show(text string) {
	t.bg.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	t.bg.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	t.bg.StrokeWidth = 1
	t.text.SetText(text)
	t.text.Show()
	t.box.Show()
	t.box.Refresh()
}

func (t *toast) hide() {
	if t != nil {
		t.box.Hide()
	}
}

// undoLog is the step that takes back a logged contact and the promise
// made with it, in one store call.
func undoLog(u *UI, name string, contact *model.Interaction, pr *model.Promise) *undoStep {
	id, clientID := contact.ID, contact.ClientID
	var promiseID int64
	if pr != nil {
		promiseID = pr.ID
	}
	return &undoStep{
		done:     lang.L("Undone: the contact with {{.Name}}.", map[string]any{"Name": name}),
		clientID: clientID,
		undo:     func(ctx context.Context) error { return u.storeUndo().UndoLogContact(ctx, id, promiseID) },
	}
}

// undoKept is the step that reopens a promise marked kept and removes the
// contact that kept it.
func undoKept(u *UI, name string, contact *model.Interaction) *undoStep {
	id := contact.ID
	return &undoStep{
		done:     lang.L("Undone: the kept promise to {{.Name}}.", map[string]any{"Name": name}),
		clientID: contact.ClientID,
		undo:     func(ctx context.Context) error { return u.storeUndo().UndoKeepPromise(ctx, id) },
	}
}

// undoSnooze is the step that puts a client's snooze back to what it was.
func undoSnooze(u *UI, name string, clientID int64, was time.Time) *undoStep {
	return &undoStep{
		done:     lang.L("Undone: the snooze of {{.Name}}.", map[string]any{"Name": name}),
		clientID: clientID,
		undo: func(ctx context.Context) error {
			// A snooze that has run out is no snooze: the store takes only
			// days after today.
			if !was.After(u.today()) {
				was = time.Time{}
			}
			return u.storeUndo().Snooze(ctx, clientID, was)
		},
	}
}

// undoPin is the step that takes back a move on the ladder: the client
// stands where they stood, pinned as they were.
func undoPin(u *UI, c *model.Client) *undoStep {
	id, was := c.ID, c.Pin
	return &undoStep{
		done:     lang.L("Undone: the move of {{.Name}}.", map[string]any{"Name": c.Name}),
		clientID: id,
		undo:     func(ctx context.Context) error { return u.storeUndo().UndoPin(ctx, id, was) },
	}
}

// undoDeleteContact is the step that logs a deleted contact again, as it
// was (a new id; a promise it kept is linked again).
func undoDeleteContact(u *UI, name string, c model.Interaction) *undoStep {
	return &undoStep{
		done:     lang.L("Undone: the deleted contact with {{.Name}}.", map[string]any{"Name": name}),
		clientID: c.ClientID,
		undo: func(ctx context.Context) error {
			again := c
			again.ID = 0
			return u.storeUndo().LogContact(ctx, &again, nil)
		},
	}
}

// undoDeletePromise is the step that puts a deleted promise back.
func undoDeletePromise(u *UI, name string, d model.DeletedPromise) *undoStep {
	return &undoStep{
		done:     lang.L("Undone: the deleted promise to {{.Name}}.", map[string]any{"Name": name}),
		clientID: d.Promise.ClientID,
		undo:     func(ctx context.Context) error { return u.storeUndo().RestorePromise(ctx, d) },
	}
}

// undoDeleteComplaint is the step that puts a deleted complaint back.
func undoDeleteComplaint(u *UI, name string, c model.Complaint) *undoStep {
	return &undoStep{
		done:     lang.L("Undone: the deleted complaint from {{.Name}}.", map[string]any{"Name": name}),
		clientID: c.ClientID,
		undo:     func(ctx context.Context) error { return u.storeUndo().RestoreComplaint(ctx, c) },
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

// undoStore is what Edit › Undo takes back through.
type undoStore interface {
	LogContact(ctx context.Context, i *model.Interaction, promise *model.Promise) error // both or neither
	RestoreComplaint(ctx context.Context, c model.Complaint) error
	RestorePromise(ctx context.Context, d model.DeletedPromise) error
	Snooze(ctx context.Context, clientID int64, until time.Time) error
	UndoKeepPromise(ctx context.Context, contactID int64) error
	UndoLogContact(ctx context.Context, contactID, promiseID int64) error
	UndoPin(ctx context.Context, clientID int64, was model.Pin) error
}

// storeUndo is the window's store as undoStore: what this file may call.
func (u *UI) storeUndo() undoStore { return u.store }
