package db

import (
	"context"
	"testing"

	"clienttracker/model"
)

func TestBalances(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	ana := mustCreateClient(t, db, &model.Client{Name: "Ana"})
	ion := mustCreateClient(t, db, &model.Client{Name: "Ion"})
	mustCreateClient(t, db, &model.Client{Name: "Maria"}) // owes nothing
	buy := func(c *model.Client, amount, unpaid model.Money, due int) {
		mustCreatePurchase(t, db, &model.Purchase{ClientID: c.ID, Date: today.AddDate(0, 0, -40), Item: "boots",
			Amount: amount, Unpaid: unpaid, DueDate: today.AddDate(0, 0, due)})
	}
	buy(ana, 30000, 10000, 5)   // due in five days
	buy(ana, 20000, 20000, -12) // twelve days past due
	buy(ion, 50000, 50000, 10)  // more, but none past due
	buy(ion, 9000, 0, 0)        // paid

	bs, err := db.Balances(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	want := []model.Balance{
		{ClientID: ana.ID, Name: "Ana", Owed: 30000, PastDue: 20000, Oldest: today.AddDate(0, 0, -12)},
		{ClientID: ion.ID, Name: "Ion", Owed: 50000, PastDue: 0, Oldest: today.AddDate(0, 0, 10)},
	}
	if len(bs) != len(want) {
		t.Fatalf("balances %+v, want %+v", bs, want)
	}
	for i := range want {
		if bs[i] != want[i] {
			t.Errorf("balance %d: %+v, want %+v", i, bs[i], want[i])
		}
	}
	if owed, past, n := model.BalanceTotals(bs); owed != 80000 || past != 20000 || n != 2 {
		t.Errorf("totals %v %v %d", owed, past, n)
	}
	// Ana's debt past its day puts her on the due list, money first.
	page, err := db.DueList(ctx, today, model.DueQuery{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range page.Items {
		if it.ClientID == ana.ID {
			found = true
			if r := it.Reasons[0]; r.Kind != model.ReasonPayment || r.Data["Days"] != 12 || r.Data["Amount"] != model.Money(20000) {
				t.Errorf("Ana's first reason %+v, want the payment 12 days late", r)
			}
		}
	}
	if !found {
		t.Error("Ana owes money past its day but is not on the due list")
	}
}
