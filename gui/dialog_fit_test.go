package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"clienttracker/model"
)

// The purchase dialog after a validation message: the message sits under
// its field with Cancel and Save below it, and it goes as soon as the
// value is fixed, before the next Save.
func TestPurchaseDialogMessageFitsAndClears(t *testing.T) {
	store := mustOpenStore(t, "AM")
	c := mustCreateTamar(t, store)
	u := newTestUI(t, store)
	u.openClient(c.ID)
	u.clients.page.editPurchase(nil)
	fs := topDialogFields(t, u)
	set := func(field, text string) {
		t.Helper()
		f := fs.field(field)
		if f == nil {
			t.Fatalf("no %s field", field)
		}
		f.input.(*textEntry).SetText(text)
	}
	set(model.FieldItem, "linen shirt")
	set(model.FieldAmount, "10")
	set(model.FieldUnpaid, "20")
	set(model.FieldPurchaseNote, strings.Repeat("a very long note ", 8))
	test.Tap(u.dialog.save)
	unpaid := fs.field(model.FieldUnpaid)
	if !unpaid.err.Visible() {
		t.Fatal("no message under Still unpaid for more than the amount")
	}
	if problems := layoutProblems(u.win.Canvas(), u.win.Canvas().Size()); len(problems) > 0 {
		t.Errorf("the dialog with its message is laid out wrong:\n%s", strings.Join(problems, "\n"))
	}
	// The buttons are below the last field, not over it.
	note := fs.field(model.FieldPurchaseNote).input
	notePos := u.app.Driver().AbsolutePositionForObject(note)
	savePos := u.app.Driver().AbsolutePositionForObject(u.dialog.save)
	if savePos.Y < notePos.Y+note.Size().Height {
		t.Errorf("Save at y=%.0f sits over the note field (y=%.0f to %.0f)", savePos.Y, notePos.Y, notePos.Y+note.Size().Height)
	}

	set(model.FieldUnpaid, "5")
	if unpaid.err.Visible() {
		t.Errorf("the message stays after the value is fixed: %q", unpaid.err.Text)
	}
	test.Tap(u.dialog.save)
	ps, err := store.ListPurchases(t.Context(), c.ID)
	if err != nil || len(ps) != 2 {
		t.Fatalf("purchases: %v, %v", ps, err)
	}
}
