package gui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// On the client's timeline a contact opens in full (the row is cut to one
// line), and a contact logged by mistake is deleted from there.
func TestTimelineContactOpensAndDeletes(t *testing.T) {
	store := newTestStore(t)
	c := clientSince(t, store, "Ana Popescu", 400)
	long := "Asked about the winter boots in size 38; she will come on Saturday with her sister, who wants the same model in brown"
	if err := store.LogContact(t.Context(), &model.Interaction{ClientID: c.ID, At: today.Add(-time.Hour), Channel: model.ContactCall, Summary: long}, nil); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, store)
	u.openClient(c.ID)
	var open *widget.Button
	for _, o := range test.LaidOutObjects(u.clients.page.content) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Open" && b.Visible() {
			open = b
		}
	}
	if open == nil {
		t.Fatal("the contact on the timeline has no Open button")
	}
	test.Tap(open)
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("Open showed nothing")
	}
	shown := false
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, long) {
			shown = true
		}
	}
	if !shown {
		t.Error("the opened contact does not show its whole summary")
	}
	tapButton(t, u, "Delete")
	tapButton(t, u, "Delete") // the confirmation
	if got, _ := store.ListInteractions(t.Context(), c.ID); len(got) != 0 {
		t.Errorf("after Delete %d contacts remain", len(got))
	}
}
