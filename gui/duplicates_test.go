package gui

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// buttonsLabelled returns the visible buttons labelled label in the top
// dialog, in screen order.
func buttonsLabelled(t *testing.T, u *UI, label string) []*widget.Button {
	t.Helper()
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog is open to find %q in", label)
	}
	var bs []*widget.Button
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == label && b.Visible() {
			bs = append(bs, b)
		}
	}
	return bs
}

func TestMergeDuplicatesKeepsBothHistories(t *testing.T) {
	store := newTestStore(t)
	a := mustCreate(t, store, model.Client{Name: "Ana Popescu", Email: "ana@example.com", Phones: []string{"+40 721 234 567"}})
	b := mustCreate(t, store, model.Client{Name: "Ana Popescu-Ionescu", Email: "ANA@example.com", City: "Cluj", Tags: []string{"wedding"}})
	mustCreate(t, store, model.Client{Name: "Ion Rusu"})
	for _, p := range []model.Purchase{
		{ClientID: a.ID, Date: today.AddDate(0, -2, 0), Item: "coat", Amount: 30000},
		{ClientID: b.ID, Date: today, Item: "scarf", Amount: 5000},
	} {
		if err := store.CreatePurchase(t.Context(), &p); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.LogContact(t.Context(), &model.Interaction{ClientID: a.ID, At: today, Channel: model.ContactCall, Summary: "asked about sizes"}, nil); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, store)

	v := u.openDuplicates()
	if len(v.pairs) != 1 {
		t.Fatalf("%d pairs found, want Ana's", len(v.pairs))
	}
	shown := shownText(u)
	for _, want := range []string{"Ana Popescu  ⟷  Ana Popescu-Ionescu", "same email: ana@example.com", "+40 721 234 567"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the duplicates list does not show %q", want)
		}
	}

	tapButton(t, u, "Merge…")
	shown = shownText(u)
	for _, want := range []string{"Ana Popescu-Ionescu", "Cluj", "1 purchase"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the merge cards do not show %q", want)
		}
	}
	keep := buttonsLabelled(t, u, "Keep this one")
	if len(keep) != 2 {
		t.Fatalf("%d Keep buttons, want one per card", len(keep))
	}
	test.Tap(keep[1]) // keep the newer record, with the city
	if !strings.Contains(shownText(u), "Merge client number 1 into client number 2") {
		t.Fatal("merging does not ask for confirmation first")
	}
	if n, _ := store.CountClients(t.Context()); n != 3 {
		t.Fatal("merged before the owner confirmed")
	}
	tapButton(t, u, "Merge")

	if _, err := store.GetClient(t.Context(), a.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("the merged record still exists: %v", err)
	}
	kept, err := store.GetClient(t.Context(), b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if kept.Summary.Count != 2 || kept.City != "Cluj" || len(kept.Phones) != 1 {
		t.Errorf("kept client %+v, want both purchases, its city and Ana's phone", kept)
	}
	if cs, _ := store.ListInteractions(t.Context(), b.ID); len(cs) != 1 {
		t.Errorf("the contact log did not move: %d contacts", len(cs))
	}
	if len(v.pairs) != 0 || !strings.Contains(v.count.Text, "No likely duplicates") {
		t.Errorf("the merged pair is still listed: %d pairs, %q", len(v.pairs), v.count.Text)
	}
	if got := listed(u); len(got) != 2 {
		t.Errorf("the client book lists %q after the merge", got)
	}
}

func TestNotTheSamePersonHidesThePair(t *testing.T) {
	store := newTestStore(t)
	mustCreate(t, store, model.Client{Name: "Ion Rusu", City: "Chișinău"})
	mustCreate(t, store, model.Client{Name: "Ion Rusu", City: "Bălți"})
	u := newTestUI(t, store)
	v := u.openDuplicates()
	if len(v.pairs) != 1 || !strings.Contains(shownText(u), "same name") {
		t.Fatalf("pairs %+v", v.pairs)
	}
	tapButton(t, u, "Not the same person")
	if len(v.pairs) != 0 {
		t.Error("the pair is still listed")
	}
	if n, _ := store.CountClients(t.Context()); n != 2 {
		t.Errorf("saying they differ changed the book: %d clients", n)
	}
	v = u.openDuplicates()
	if len(v.pairs) != 0 {
		t.Error("the pair came back in the same session")
	}
}
