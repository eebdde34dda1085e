package cli

import (
	"context"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"clienttracker/db"
	"clienttracker/model"
)

// TestOwed: the owed command lists every client with an unpaid balance,
// the largest sum past due first, and its totals are what the purchases
// hold unpaid.
func TestOwed(t *testing.T) {
	path := mustDemo(t, "300")
	code, out, errOut := runCLI(t, "owed", "--db", path, "--csv")
	if code != 0 {
		t.Fatalf("owed exited %d: %s", code, errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("owed printed %q (%v); the sample has unpaid purchases", out, err)
	}
	if strings.Join(recs[0], ",") != "id,name,owed,past_due,oldest_due" {
		t.Errorf("header %q", recs[0])
	}

	// What the purchases say, client by client.
	store, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	set, err := store.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]model.Money{}
	for _, r := range recs[1:] {
		id, _ := strconv.ParseInt(r[0], 10, 64)
		ps, err := store.ListPurchases(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			want[id] += p.Unpaid
		}
	}
	store.Close()

	prevPast := model.Money(1 << 62)
	var total model.Money
	for _, r := range recs[1:] {
		id, _ := strconv.ParseInt(r[0], 10, 64)
		owed, err1 := model.ParseMoney(r[2], set.Money)
		past, err2 := model.ParseMoney(r[3], set.Money)
		if err1 != nil || err2 != nil || owed != want[id] || past > owed || owed <= 0 {
			t.Errorf("row %q: owed %v past %v, the purchases hold %v unpaid", r, owed, past, want[id])
		}
		if past > prevPast {
			t.Errorf("row %q: not in order of the sum past due", r)
		}
		prevPast = past
		total += owed
	}
	_, text, _ := runCLI(t, "owed", "--db", path)
	if line := "total: " + set.Money.Format(total) + " owed by " + strconv.Itoa(len(recs)-1) + " clients"; !strings.Contains(text, line) {
		t.Errorf("the text output should end with %q:\n%s", line, text)
	}
}
