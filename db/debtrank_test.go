package db

import (
	"context"
	"testing"

	"clienttracker/model"
)

// On the day's list a large debt just past its day comes before a small
// one years old, as the store sorts its keys.
func TestDueListRanksDebtsBySize(t *testing.T) {
	db := mustOpen(t)
	mustNoSpread(t, db)
	owes := func(name string, amount model.Money, daysLate int) *model.Client {
		c := mustCreateClient(t, db, &model.Client{Name: name, Since: today.AddDate(-5, 0, 0)})
		bought := today.AddDate(0, 0, -daysLate-30)
		mustCreatePurchase(t, db, &model.Purchase{ClientID: c.ID, Date: bought, Item: "coat", Amount: amount,
			Unpaid: amount, DueDate: bought.AddDate(0, 0, 30)})
		mustLogContact(t, db, c.ID, fixedNow.AddDate(0, 0, -3))
		return c
	}
	tiny := owes("Ana, 5.00 owed for four years", 5_00, 1500)
	large := owes("Bob, 400.00 owed for two days", 400_00, 2)
	page, err := db.DueList(context.Background(), today, model.DueQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var order []int64
	for _, it := range page.Items {
		if it.Priority == model.PriorityDebt {
			order = append(order, it.ClientID)
		}
	}
	if len(order) != 2 || order[0] != large.ID || order[1] != tiny.ID {
		t.Errorf("debtors listed %v, want %d (large) then %d (tiny)", order, large.ID, tiny.ID)
	}
}
