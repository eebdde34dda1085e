package gui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"clienttracker/model"
)

// A contact logged by mistake is taken back with Ctrl+Z: the contact is
// gone, the client is back on the day's list, and a note says what was
// undone. A second Ctrl+Z has nothing left to undo.
func TestUndoLoggedContact(t *testing.T) {
	store := newTestStore(t)
	c := clientSince(t, store, "Ana Popescu", 400)
	u := newTestUI(t, store)
	test.Tap(dueRowFor(u, "Ana Popescu").log)
	tapSave(t, u)
	if got, _ := store.ListInteractions(t.Context(), c.ID); len(got) != 1 {
		t.Fatalf("%d contacts stored, want 1", len(got))
	}
	if sec, listed := sectionOf(u, "Ana Popescu"); listed && sec <= model.SectionToday {
		t.Fatal("Ana is still due after the contact")
	}
	press(u, fyne.KeyZ)
	if got, _ := store.ListInteractions(t.Context(), c.ID); len(got) != 0 {
		t.Errorf("after Undo %d contacts remain, want none", len(got))
	}
	if sec, listed := sectionOf(u, "Ana Popescu"); !listed || sec > model.SectionToday {
		t.Error("after Undo Ana is not due again")
	}
	if want := "Undone: the contact with Ana Popescu."; u.due.note.Text != want || !u.due.note.Visible() {
		t.Errorf("the note says %q (shown %v), want %q", u.due.note.Text, u.due.note.Visible(), want)
	}
	press(u, fyne.KeyZ)
	if u.due.note.Text != "Nothing to undo." {
		t.Errorf("a second Undo says %q", u.due.note.Text)
	}
}

// A snooze and a kept promise are taken back the same way.
func TestUndoSnoozeAndKeptPromise(t *testing.T) {
	store := newTestStore(t)
	c := clientSince(t, store, "Ana Popescu", 10)
	if err := store.LogContact(t.Context(), &model.Interaction{ClientID: c.ID, At: today.Add(-time.Hour), Channel: model.ContactCall}, nil); err != nil {
		t.Fatal(err)
	}
	p := &model.Promise{ClientID: c.ID, What: "call when the boots arrive", MadeOn: today.AddDate(0, 0, -5), DueBy: model.Day(today)}
	if err := store.CreatePromise(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	ion := clientSince(t, store, "Ion Rusu", 400)
	u := newTestUI(t, store)

	u.due.snooze(ion.ID, model.Day(today).AddDate(0, 0, 7))
	if got, _ := store.GetClient(t.Context(), ion.ID); got.Plan.SnoozedUntil.IsZero() {
		t.Fatal("the snooze was not stored")
	}
	u.onUndo()
	if got, _ := store.GetClient(t.Context(), ion.ID); !got.Plan.SnoozedUntil.IsZero() {
		t.Errorf("after Undo Ion is still snoozed until %v", got.Plan.SnoozedUntil)
	}
	if u.due.note.Text != "Undone: the snooze of Ion Rusu." {
		t.Errorf("the note says %q", u.due.note.Text)
	}

	test.Tap(dueRowFor(u, "Ana Popescu").kept)
	u.onUndo()
	ps, _ := store.ListPromises(t.Context(), c.ID)
	if len(ps) != 1 || ps[0].Status != model.PromiseOpen || !ps[0].KeptOn.IsZero() {
		t.Errorf("after Undo the promise is %+v, want open again", ps)
	}
	if got, _ := store.ListInteractions(t.Context(), c.ID); len(got) != 1 {
		t.Errorf("after Undo %d contacts, want only the one before", len(got))
	}
	if r := dueRowFor(u, "Ana Popescu"); r == nil || !r.kept.Visible() {
		t.Error("after Undo Ana's promise is not due again")
	}
}
