package gui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"clienttracker/model"
)

// The owner opens "Who owes me" from the check-ins: every open balance,
// the one past due first, with the totals; a click opens the client.
func TestWhoOwesMe(t *testing.T) {
	store := newTestStore(t)
	ana := clientSince(t, store, "Ana Popescu", 400)
	ion := clientSince(t, store, "Ion Rusu", 400)
	for _, p := range []model.Purchase{
		{ClientID: ion.ID, Item: "coat", Amount: 50000, Unpaid: 50000, Date: today.AddDate(0, 0, -3), DueDate: today.AddDate(0, 0, 20)},
		{ClientID: ana.ID, Item: "boots", Amount: 20000, Unpaid: 20000, Date: today.AddDate(0, 0, -40), DueDate: today.AddDate(0, 0, -12)},
	} {
		if err := store.CreatePurchase(t.Context(), &p); err != nil {
			t.Fatal(err)
		}
	}
	u := newTestUI(t, store)
	test.Tap(u.due.owedBtn)
	v := u.owed
	if v == nil {
		t.Fatal("Who owes me did not open")
	}
	if want := "2 clients owe " + u.money(70000) + ", of which " + u.money(20000) + " is past due"; v.totals.Text != want {
		t.Errorf("totals %q, want %q", v.totals.Text, want)
	}
	var names []string
	for _, o := range test.LaidOutObjects(v.list) {
		if r, ok := o.(*owedRow); ok && r.Visible() && r.name.Text != "" {
			names = append(names, r.name.Text+" "+r.amount.Text+" "+r.detail.Text)
		}
	}
	if len(names) != 2 || names[0] != "Ana Popescu "+u.money(20000)+" past due: "+u.money(20000)+" (since "+formatDate(today.AddDate(0, 0, -12))+")" ||
		names[1] != "Ion Rusu "+u.money(50000)+" nothing past due yet" {
		t.Errorf("the list reads %q", names)
	}
	v.list.Select(0)
	if c := u.clients.page.client; c == nil || c.ID != ana.ID {
		t.Errorf("a click on Ana opened %+v", c)
	}
}
