package db

import (
	"context"
	"database/sql"
	"slices"
	"testing"
	"time"

	"clienttracker/model"
)

// TestSampleMonthsAsSQLSumsThem checks the purchase months InsertRecords
// sums in Go against those fillPurchaseMonths sums in SQL from the stored
// purchases: for a sample book and a client with two purchases on one
// day, two in one month and a gap across a new year.
func TestSampleMonthsAsSQLSumsThem(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	recs := slices.Collect(model.SampleRecords(300, 5, fixedNow))
	recs = append(recs, model.ClientRecord{
		Client: model.Client{Name: "Ana Pop"},
		Purchases: []model.Purchase{
			{Date: day(2026, 3, 4), Item: "shirt", Amount: 1000},
			{Date: day(2025, 12, 30), Item: "coat", Amount: 25000},
			{Date: day(2026, 3, 4), Item: "belt", Amount: 0},
			{Date: day(2026, 3, 20), Item: "scarf", Amount: 1500},
			{Date: day(2024, 1, 2), Item: "boots", Amount: 9000},
		},
	})
	if _, err := db.InsertRecords(ctx, slices.Values(recs), nil); err != nil {
		t.Fatal(err)
	}
	months := func() []string {
		t.Helper()
		var out []string
		rtx, err := db.beginRead(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer rtx.Rollback()
		err = queryEach(ctx, rtx, `SELECT month || ' ' || client_id || ' ' || purchases || ' ' || spend || ' ' || days || ' '
			|| first_day || ' ' || last_day || ' ' || coalesce(prior_day, '-') FROM purchase_months ORDER BY client_id, month`, nil,
			func(rows *sql.Rows) error {
				var s string
				err := rows.Scan(&s)
				out = append(out, s)
				return err
			})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	got := months()
	tx, err := db.beginWrite(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM purchase_months"); err != nil {
		t.Fatal(err)
	}
	if err := fillPurchaseMonths(ctx, tx, 0); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	want := months()
	if len(want) < 1000 {
		t.Fatalf("only %d months: the sample proves little", len(want))
	}
	if !slices.Equal(got, want) {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("month row %d: got %q, want %q", i, got[i], want[i])
			}
		}
		t.Fatalf("%d month rows, want %d", len(got), len(want))
	}
	ana := want[len(want)-3:]
	if ana[2] != "2026-03 301 3 2500 2 2026-03-04 2026-03-20 2025-12-30" {
		t.Errorf("Ana's March: %q", ana[2])
	}
}
