package gui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"clienttracker/model"
)

// logWhenFields finds the When inputs of the open Log contact dialog: its
// first date input and the time beside it.
func logWhenFields(t *testing.T, u *UI) (*dateField, *textEntry) {
	t.Helper()
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	var day *dateField
	var clock *textEntry
	now := u.now().In(time.Local).Format("15:04")
	for _, o := range test.LaidOutObjects(top) {
		switch e := o.(type) {
		case *dateField:
			if day == nil {
				day = e
			}
		case *textEntry:
			if clock == nil && e.Text == now {
				clock = e
			}
		}
	}
	if day == nil || clock == nil {
		t.Fatal("the Log contact dialog has no When date and time")
	}
	return day, clock
}

// Yesterday's call is logged as yesterday's, at the time typed; a time
// still ahead is refused with a message under When, and nothing is saved.
func TestLogContactWithDateAndTime(t *testing.T) {
	store := newTestStore(t)
	c := clientSince(t, store, "Ana Popescu", 400)
	u := newTestUI(t, store)

	r := dueRowFor(u, "Ana Popescu")
	if r == nil {
		t.Fatal("Ana is not listed")
	}
	test.Tap(r.log)
	day, clock := logWhenFields(t, u)
	later := u.now().In(time.Local).Add(2 * time.Hour).Format("15:04")
	if u.now().In(time.Local).Add(2*time.Hour).Day() == u.now().In(time.Local).Day() {
		clock.SetText("")
		test.Type(clock, later)
		tapSave(t, u)
		if got, _ := store.ListInteractions(t.Context(), c.ID); len(got) != 0 {
			t.Fatalf("a contact two hours ahead was saved: %+v", got)
		}
		if u.win.Canvas().Overlays().Top() == nil {
			t.Fatal("the dialog closed on a time in the future")
		}
	}
	yesterday := model.Day(u.now().In(time.Local)).AddDate(0, 0, -1)
	day.SetDate(&yesterday)
	clock.SetText("")
	test.Type(clock, "16:30")
	tapSave(t, u)
	got, _ := store.ListInteractions(t.Context(), c.ID)
	y, m, d := yesterday.Date()
	if want := time.Date(y, m, d, 16, 30, 0, 0, time.Local); len(got) != 1 || !got[0].At.Equal(want) {
		t.Fatalf("stored %+v, want one contact at %v", got, want)
	}
}
