package gui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// These tests drive the window over the real store (a SQLite file in a
// temporary folder) with the window's clock, and read back what was
// stored.

// realStore opens a real book whose clock is the tests' today.
func realStore(t *testing.T) realDB {
	t.Helper()
	return newTestStore(t).realDB // Romanian, on the tests' clock
}

// realClient stores a client who has been one for days.
func realClient(t *testing.T, s realDB, name string, days int) *model.Client {
	t.Helper()
	c := &model.Client{Name: name, Since: model.Day(today).AddDate(0, 0, -days)}
	if err := s.CreateClient(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	return c
}

// pageButton taps the visible button labelled label on the client page;
// there must be exactly one.
func pageButton(t *testing.T, u *UI, label string) {
	t.Helper()
	var found []*widget.Button
	for _, o := range test.LaidOutObjects(u.clients.page.content) {
		if b, ok := o.(*widget.Button); ok && b.Text == label && b.Visible() {
			found = append(found, b)
		}
	}
	if len(found) != 1 {
		t.Fatalf("the client page shows %d %q buttons, want 1", len(found), label)
	}
	test.Tap(found[0])
}

// timelineButton taps the button labelled label on the timeline row that
// shows text.
func timelineButton(t *testing.T, u *UI, text, label string) {
	t.Helper()
	var best *widget.Button
	size := -1
	for _, o := range test.LaidOutObjects(u.clients.page.content) {
		row, ok := o.(*fyne.Container)
		if !ok {
			continue
		}
		objs := test.LaidOutObjects(row)
		var b *widget.Button
		shows := false
		for _, x := range objs {
			switch w := x.(type) {
			case *widget.Button:
				if w.Text == label && w.Visible() {
					b = w
				}
			case *widget.Label:
				shows = shows || strings.Contains(w.Text, text)
			}
		}
		if b != nil && shows && (size < 0 || len(objs) < size) {
			best, size = b, len(objs)
		}
	}
	if best == nil {
		t.Fatalf("no timeline row shows %q with a %q button", text, label)
	}
	test.Tap(best)
}

// undoNote presses Ctrl+Z and returns the note that says what was undone.
func undoNote(u *UI) string {
	press(u, fyne.KeyZ)
	return u.due.note.Text
}

// A contact logged with a promise is one action: both are stored, and
// Ctrl+Z takes both back.
func TestLogContactWithPromiseOverTheStore(t *testing.T) {
	store := realStore(t)
	c := realClient(t, store, "Ana Popescu", 400)
	u := newTestUI(t, store)
	u.openClient(c.ID)
	pageButton(t, u, "Log contact")
	test.Type(topDialogFields(t, u).field(model.FieldWhat).input.(*textEntry), "call when the boots arrive")
	tapSave(t, u)

	ks, _ := store.ListInteractions(t.Context(), c.ID)
	ps, _ := store.ListPromises(t.Context(), c.ID)
	if len(ks) != 1 || len(ps) != 1 {
		t.Fatalf("stored %d contacts and %d promises, want 1 and 1", len(ks), len(ps))
	}
	if want := model.Day(today).AddDate(0, 0, model.PromiseDueDays); ps[0].What != "call when the boots arrive" || !ps[0].DueBy.Equal(want) {
		t.Errorf("promise %+v, want due %s", ps[0], model.FormatDate(want))
	}
	if got, want := undoNote(u), "Undone: the contact with Ana Popescu."; got != want {
		t.Errorf("the note says %q, want %q", got, want)
	}
	ks, _ = store.ListInteractions(t.Context(), c.ID)
	ps, _ = store.ListPromises(t.Context(), c.ID)
	if len(ks)+len(ps) != 0 {
		t.Errorf("after Undo %d contacts and %d promises remain", len(ks), len(ps))
	}
}

// A contact logged with the wrong time and channel is corrected from the
// timeline: Open, Edit, type, Save. A time in the future is refused.
func TestEditContactFromTheTimeline(t *testing.T) {
	store := realStore(t)
	c := realClient(t, store, "Ana Popescu", 400)
	k := &model.Interaction{ClientID: c.ID, At: today.Add(-time.Hour), Channel: model.ContactCall, Summary: "asked about boots"}
	if err := store.LogContact(t.Context(), k, nil); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, store)
	u.openClient(c.ID)
	timelineButton(t, u, "asked about boots", "Open")
	tapButton(t, u, "Edit")
	fs := topDialogFields(t, u)
	var clock *textEntry
	for _, o := range test.LaidOutObjects(fs.field(model.FieldAt).input) {
		if e, ok := o.(*textEntry); ok {
			clock = e
		}
	}
	if clock == nil || clock.Text != today.Add(-time.Hour).In(time.Local).Format("15:04") {
		t.Fatalf("the time field is %v, want the contact's time", clock)
	}
	fs.field(model.FieldChannel).input.(*widget.Select).SetSelected("Visit")
	summary := fs.field(model.FieldSummary).input.(*textEntry)
	summary.SetText("")
	test.Type(summary, "came to try the boots on")

	// First a time later today, which has not come yet.
	later := today.Add(3 * time.Hour).In(time.Local)
	clock.SetText("")
	test.Type(clock, later.Format("15:04"))
	tapSave(t, u)
	if u.dialog == nil {
		t.Fatal("a contact in the future was saved")
	}
	if e := fs.field(model.FieldAt).err; !e.Visible() || !strings.Contains(e.Text, "future") {
		t.Errorf("the time says %q, want a word about the future", e.Text)
	}
	earlier := today.Add(-3 * time.Hour).In(time.Local)
	clock.SetText("")
	test.Type(clock, earlier.Format("15:04"))
	tapSave(t, u)

	ks, _ := store.ListInteractions(t.Context(), c.ID)
	if len(ks) != 1 {
		t.Fatalf("%d contacts stored, want the one edited", len(ks))
	}
	want := model.Interaction{ID: k.ID, ClientID: c.ID, At: earlier.Truncate(time.Minute).UTC(), Channel: model.ContactVisit, Summary: "came to try the boots on"}
	if ks[0] != want {
		t.Errorf("stored %+v, want %+v", ks[0], want)
	}
	if !strings.Contains(shownText(u), "came to try the boots on") {
		t.Error("the timeline does not show the edited contact")
	}
}

// A promise recorded by mistake is deleted from the timeline after a
// question, and Ctrl+Z puts it back as it was.
func TestDeletePromiseFromTheTimeline(t *testing.T) {
	store := realStore(t)
	c := realClient(t, store, "Ana Popescu", 400)
	p := &model.Promise{ClientID: c.ID, What: "call when the boots arrive", MadeOn: model.Day(today), DueBy: model.Day(today).AddDate(0, 0, 3)}
	if err := store.CreatePromise(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, store)
	u.openClient(c.ID)
	timelineButton(t, u, "call when the boots arrive", "Edit")
	tapButton(t, u, "Delete")
	if ps, _ := store.ListPromises(t.Context(), c.ID); len(ps) != 1 {
		t.Fatal("the promise was deleted before the owner confirmed")
	}
	tapButton(t, u, "Delete") // the question
	if ps, _ := store.ListPromises(t.Context(), c.ID); len(ps) != 0 {
		t.Fatalf("after Delete %d promises remain", len(ps))
	}
	if strings.Contains(shownText(u), "call when the boots arrive") {
		t.Error("the timeline still shows the deleted promise")
	}
	if got, want := undoNote(u), "Undone: the deleted promise to Ana Popescu."; got != want {
		t.Errorf("the note says %q, want %q", got, want)
	}
	// Away from the check-ins the note shows as a toast over the page.
	toast := false
	for _, o := range test.LaidOutObjects(u.win.Content()) {
		if u.toast != nil && o == u.toast.box && o.Visible() && u.toast.text.Text == "Undone: the deleted promise to Ana Popescu." {
			toast = true
		}
	}
	if !toast {
		t.Error("no toast on the client page says what was undone")
	}
	if u.dialogOpen() {
		t.Error("the toast counts as a dialog: the next shortcut would be ignored")
	}
	ps, _ := store.ListPromises(t.Context(), c.ID)
	if len(ps) != 1 || ps[0] != *p {
		t.Errorf("after Undo %+v, want %+v", ps, *p)
	}
	if !strings.Contains(shownText(u), "call when the boots arrive") {
		t.Error("the timeline does not show the promise put back")
	}
}

// A complaint is deleted from the timeline the same way, and comes back
// with Ctrl+Z, open and first on the day's list again.
func TestDeleteComplaintFromTheTimeline(t *testing.T) {
	store, c, k := anaComplains(t)
	u := newTestUI(t, store)
	u.openClient(c.ID)
	timelineButton(t, u, "the heel broke", "Resolve")
	tapButton(t, u, "Delete")
	tapButton(t, u, "Delete")
	if ks, _ := store.ListComplaints(t.Context(), c.ID); len(ks) != 0 {
		t.Fatalf("after Delete %d complaints remain", len(ks))
	}
	if got, want := undoNote(u), "Undone: the deleted complaint from Ana Popescu."; got != want {
		t.Errorf("the note says %q, want %q", got, want)
	}
	ks, _ := store.ListComplaints(t.Context(), c.ID)
	if len(ks) != 1 || ks[0].ID != k.ID || ks[0].Status != model.ComplaintOpen {
		t.Errorf("after Undo %+v, want the open complaint %d", ks, k.ID)
	}
	page, err := store.DueList(t.Context(), today, model.DueQuery{Limit: 1})
	if err != nil || len(page.Items) != 1 || page.Items[0].ClientID != c.ID || page.Items[0].Reasons[0].Kind != model.ReasonComplaint {
		t.Errorf("the day's list after Undo: %+v, %v", page.Items, err)
	}
}

// A promise kept from the timeline is stored as a contact naming it, shown
// in the owner's words; Ctrl+Z reopens it.
func TestKeepPromiseFromTheTimeline(t *testing.T) {
	store := realStore(t)
	c := realClient(t, store, "Ana Popescu", 400)
	p := &model.Promise{ClientID: c.ID, What: "call when the boots arrive", MadeOn: model.Day(today).AddDate(0, 0, -2), DueBy: model.Day(today)}
	if err := store.CreatePromise(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, store)
	u.openClient(c.ID)
	timelineButton(t, u, "call when the boots arrive", "Kept")
	ks, _ := store.ListInteractions(t.Context(), c.ID)
	if len(ks) != 1 || ks[0].PromiseID != p.ID || ks[0].Summary != "" {
		t.Fatalf("stored %+v, want one contact naming promise %d and no words", ks, p.ID)
	}
	if !strings.Contains(shownText(u), "Kept the promise: call when the boots arrive") {
		t.Error("the timeline does not say which promise the contact kept")
	}
	if got, want := undoNote(u), "Undone: the kept promise to Ana Popescu."; got != want {
		t.Errorf("the note says %q, want %q", got, want)
	}
	ps, _ := store.ListPromises(t.Context(), c.ID)
	ks, _ = store.ListInteractions(t.Context(), c.ID)
	if len(ps) != 1 || ps[0].Status != model.PromiseOpen || len(ks) != 0 {
		t.Errorf("after Undo promises %+v, contacts %+v", ps, ks)
	}
}

// A client moved to another rung by mistake goes back with Ctrl+Z, and
// neither move stays in their history.
func TestUndoMoveOnTheLadder(t *testing.T) {
	store := realStore(t)
	c := realClient(t, store, "Bogdan Buyer", 400)
	if err := store.CreatePurchase(t.Context(), &model.Purchase{ClientID: c.ID, Date: model.Day(today).AddDate(0, 0, -20), Item: "boots", Amount: 30000}); err != nil {
		t.Fatal(err)
	}
	before, _ := store.ListStageChanges(t.Context(), c.ID)
	u := newTestUI(t, store)
	openLadder(u)
	r := ladderRowFor(u, "Bogdan Buyer")
	if r == nil {
		t.Fatal("Bogdan is not on the Buyer rung")
	}
	test.Tap(r.move)
	tapMenuItem(t, u, "VIP")
	tapSave(t, u)
	if got, _ := store.GetClient(t.Context(), c.ID); got.Stage != model.StageVIP {
		t.Fatalf("after the move Bogdan stands on %s", got.Stage)
	}
	if got, want := undoNote(u), "Undone: the move of Bogdan Buyer."; got != want {
		t.Errorf("the note says %q, want %q", got, want)
	}
	got, _ := store.GetClient(t.Context(), c.ID)
	if got.Stage != model.StageBuyer || !got.Pin.IsZero() {
		t.Errorf("after Undo on %s pinned %+v, want a buyer by the rules", got.Stage, got.Pin)
	}
	if after, _ := store.ListStageChanges(t.Context(), c.ID); len(after) != len(before) {
		t.Errorf("moves after Undo %+v, want %+v", after, before)
	}
	if ladderRowFor(u, "Bogdan Buyer") == nil {
		t.Error("Bogdan is not back among the buyers")
	}
}

// Ctrl+Z as the desktop driver delivers it (Fyne's Undo shortcut, to the
// focused input if any, else to the window) undoes the last step, here
// after the owner searched for the client.
func TestCtrlZAfterSearching(t *testing.T) {
	store, c, _ := anaComplains(t)
	u := newTestUI(t, store)
	u.onMenuFind()
	test.Type(u.clients.search, "Ana")
	u.openClient(c.ID)
	u.win.Canvas().Focus(u.clients.search) // the cursor stays in the search box
	timelineButton(t, u, "the heel broke", "Resolve")
	tapButton(t, u, "Delete")
	tapButton(t, u, "Delete")
	cv := u.win.Canvas()
	if f, ok := cv.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(&fyne.ShortcutUndo{})
	} else {
		cv.(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{})
	}
	if ks, _ := store.ListComplaints(t.Context(), c.ID); len(ks) != 1 {
		t.Errorf("Ctrl+Z after searching left %d complaints, want the deleted one back", len(ks))
	}
	if got := u.clients.search.Text; got != "Ana" {
		t.Errorf("the search box reads %q, want it untouched", got)
	}
}

// A contact deleted by mistake comes back with Ctrl+Z, as it was.
func TestUndoDeletedContact(t *testing.T) {
	store := realStore(t)
	c := realClient(t, store, "Ana Popescu", 400)
	k := &model.Interaction{ClientID: c.ID, At: today.Add(-time.Hour), Channel: model.ContactVisit, Summary: "asked about boots",
		Feedback: model.FeedbackPositive, FeedbackText: "lovely shop"}
	if err := store.LogContact(t.Context(), k, nil); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, store)
	u.openClient(c.ID)
	timelineButton(t, u, "asked about boots", "Open")
	tapButton(t, u, "Delete")
	tapButton(t, u, "Delete")
	if ks, _ := store.ListInteractions(t.Context(), c.ID); len(ks) != 0 {
		t.Fatalf("after Delete %d contacts remain", len(ks))
	}
	if got, want := undoNote(u), "Undone: the deleted contact with Ana Popescu."; got != want {
		t.Errorf("the note says %q, want %q", got, want)
	}
	ks, _ := store.ListInteractions(t.Context(), c.ID)
	if len(ks) != 1 {
		t.Fatalf("after Undo %d contacts, want 1", len(ks))
	}
	got, want := ks[0], *k
	got.ID, want.ID = 0, 0
	if got != want {
		t.Errorf("after Undo %+v, want %+v", got, want)
	}
}

// Yesterday's call logged today with a promise: the promise was made
// yesterday, in the call.
func TestPromiseMadeOnTheDayOfTheContact(t *testing.T) {
	store := realStore(t)
	c := realClient(t, store, "Ana Popescu", 400)
	u := newTestUI(t, store)
	u.openClient(c.ID)
	pageButton(t, u, "Log contact")
	fs := topDialogFields(t, u)
	yesterday := model.Day(today.In(time.Local)).AddDate(0, 0, -1)
	for _, o := range test.LaidOutObjects(fs.field(model.FieldAt).input) {
		if d, ok := o.(*dateField); ok {
			d.SetDate(&yesterday) // picked from the calendar
		}
	}
	test.Type(fs.field(model.FieldWhat).input.(*textEntry), "call when the boots arrive")
	tapSave(t, u)
	ps, _ := store.ListPromises(t.Context(), c.ID)
	ks, _ := store.ListInteractions(t.Context(), c.ID)
	if len(ps) != 1 || len(ks) != 1 {
		t.Fatalf("stored %d promises and %d contacts, want 1 and 1", len(ps), len(ks))
	}
	if !ps[0].MadeOn.Equal(yesterday) || !model.Day(ks[0].At.In(time.Local)).Equal(yesterday) {
		t.Errorf("promise made on %s, contact on %s, want both %s", model.FormatDate(ps[0].MadeOn),
			model.FormatDate(ks[0].At.In(time.Local)), model.FormatDate(yesterday))
	}
}

// anaComplains is a book where Ana, a client for 400 days, complained
// today that the heel broke.
func anaComplains(t *testing.T) (realDB, *model.Client, *model.Complaint) {
	t.Helper()
	store := realStore(t)
	c := realClient(t, store, "Ana Popescu", 400)
	k := &model.Complaint{ClientID: c.ID, What: "the heel broke", OpenedOn: model.Day(today)}
	if err := store.CreateComplaint(t.Context(), k); err != nil {
		t.Fatal(err)
	}
	return store, c, k
}
